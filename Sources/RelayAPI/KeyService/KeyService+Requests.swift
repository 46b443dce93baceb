// Codecs for the requests and responses of Protos/relay/v1/key_service.proto.

/// `relay.v1.CreateKeyRequest`: creates an API key.
public struct CreateKeyRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.CreateKeyRequest"
    /// `string name = 1;`
    public var name: String = ""
    /// `repeated KeyScope scopes = 2;`
    public var scopes: [KeyScope] = []
    /// `google.protobuf.Timestamp expire_time = 3;`
    public var expireTime: Timestamp?
    /// `RateLimits rate_limits = 4;`
    public var rateLimits: RateLimits?
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates a request for a key named `name` with `scopes`.
    public init(name: String, scopes: [KeyScope]) {
        self.name = name
        self.scopes = scopes
    }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, name)
        sink.enumField(2, scopes)
        sink.message(3, expireTime)
        sink.message(4, rateLimits)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &name)
        case 2: try reader.enumField(tag, into: &scopes)
        case 3: try reader.message(tag, into: &expireTime)
        case 4: try reader.message(tag, into: &rateLimits)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.CreateKeyResponse`: the new key and its secret, shown only this once.
public struct CreateKeyResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.CreateKeyResponse"
    /// `ApiKey key = 1;`
    public var key: ApiKey?
    /// `string secret = 2;`
    public var secret: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, key)
        sink.string(2, secret)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &key)
        case 2: try reader.string(tag, into: &secret)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.GetKeyRequest`: names one key.
public struct GetKeyRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.GetKeyRequest"
    /// `string key_id = 1;`
    public var keyID: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates a request for the key `keyID`.
    public init(keyID: String) { self.keyID = keyID }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, keyID)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &keyID)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.GetKeyResponse`: one key, without its secret.
public struct GetKeyResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.GetKeyResponse"
    /// `ApiKey key = 1;`
    public var key: ApiKey?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, key)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &key)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ListKeysRequest`: one page of the organization's keys.
public struct ListKeysRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ListKeysRequest"
    /// `int32 page_size = 1;`
    public var pageSize: Int32 = 0
    /// `string page_token = 2;`
    public var pageToken: String = ""
    /// `bool include_revoked = 3;`
    public var includeRevoked: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.int32(1, pageSize)
        sink.string(2, pageToken)
        sink.bool(3, includeRevoked)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.int32(tag, into: &pageSize)
        case 2: try reader.string(tag, into: &pageToken)
        case 3: try reader.bool(tag, into: &includeRevoked)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ListKeysResponse`: a page of keys.
public struct ListKeysResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ListKeysResponse"
    /// `repeated ApiKey keys = 1;`
    public var keys: [ApiKey] = []
    /// `string next_page_token = 2;`
    public var nextPageToken: String = ""
    /// `int32 total_size = 3;`
    public var totalSize: Int32 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, keys)
        sink.string(2, nextPageToken)
        sink.int32(3, totalSize)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &keys)
        case 2: try reader.string(tag, into: &nextPageToken)
        case 3: try reader.int32(tag, into: &totalSize)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.UpdateKeyRequest`: changes the fields of a key named in the update mask.
public struct UpdateKeyRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.UpdateKeyRequest"
    /// `ApiKey key = 1;`
    public var key: ApiKey?
    /// `google.protobuf.FieldMask update_mask = 2;`
    public var updateMask: FieldMask?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, key)
        sink.message(2, updateMask)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &key)
        case 2: try reader.message(tag, into: &updateMask)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.UpdateKeyResponse`: the key after the change.
public struct UpdateKeyResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.UpdateKeyResponse"
    /// `ApiKey key = 1;`
    public var key: ApiKey?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, key)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &key)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.RevokeKeyRequest`: revokes a key.
public struct RevokeKeyRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.RevokeKeyRequest"
    /// `string key_id = 1;`
    public var keyID: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates a request for the key `keyID`.
    public init(keyID: String) { self.keyID = keyID }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, keyID)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &keyID)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.RevokeKeyResponse`: the revoked key.
public struct RevokeKeyResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.RevokeKeyResponse"
    /// `ApiKey key = 1;`
    public var key: ApiKey?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, key)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &key)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.RotateKeyRequest`: gives a key a new secret, the old one working for a grace period.
public struct RotateKeyRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.RotateKeyRequest"
    /// `string key_id = 1;`
    public var keyID: String = ""
    /// `google.protobuf.Duration grace_period = 2;`
    public var gracePeriod: Google.Protobuf.Duration?
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates a request for the key `keyID`; a `nil` grace period means 24 hours.
    public init(keyID: String, gracePeriod: Google.Protobuf.Duration? = nil) {
        self.keyID = keyID
        self.gracePeriod = gracePeriod
    }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, keyID)
        sink.message(2, gracePeriod)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &keyID)
        case 2: try reader.message(tag, into: &gracePeriod)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.RotateKeyResponse`: the key, its new secret and when the old secret stops working.
public struct RotateKeyResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.RotateKeyResponse"
    /// `ApiKey key = 1;`
    public var key: ApiKey?
    /// `string secret = 2;`
    public var secret: String = ""
    /// `google.protobuf.Timestamp old_secret_expire_time = 3;`
    public var oldSecretExpireTime: Timestamp?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, key)
        sink.string(2, secret)
        sink.message(3, oldSecretExpireTime)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &key)
        case 2: try reader.string(tag, into: &secret)
        case 3: try reader.message(tag, into: &oldSecretExpireTime)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
