// Codecs for the resources of Protos/relay/v1/key_service.proto: RateLimits, ApiKey.

/// `relay.v1.RateLimits`: per-key rate limits; an unset limit means the organization's default.
public struct RateLimits: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.RateLimits"
    /// `optional uint32 per_second = 1;`
    public var perSecond: UInt32?
    /// `optional uint32 per_minute = 2;`
    public var perMinute: UInt32?
    /// `optional int64 per_hour = 3;`
    public var perHour: Int64?
    /// `optional int64 per_day = 4;`
    public var perDay: Int64?
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates limits; a `nil` limit is left to the organization's default.
    public init(perSecond: UInt32? = nil, perMinute: UInt32? = nil, perHour: Int64? = nil, perDay: Int64? = nil) {
        self.perSecond = perSecond
        self.perMinute = perMinute
        self.perHour = perHour
        self.perDay = perDay
    }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.uint32(1, perSecond)
        sink.uint32(2, perMinute)
        sink.int64(3, perHour)
        sink.int64(4, perDay)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.uint32(tag, into: &perSecond)
        case 2: try reader.uint32(tag, into: &perMinute)
        case 3: try reader.int64(tag, into: &perHour)
        case 4: try reader.int64(tag, into: &perDay)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ApiKey`: an API key, without its secret.
public struct ApiKey: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ApiKey"
    /// `string key_id = 1;`
    public var keyID: String = ""
    /// `string name = 2;`
    public var name: String = ""
    /// `string prefix = 3;`
    public var prefix: String = ""
    /// `repeated KeyScope scopes = 4;`
    public var scopes: [KeyScope] = []
    /// `ApiKeyState state = 5;`
    public var state: ApiKeyState = .unspecified
    /// `google.protobuf.Timestamp create_time = 6;`
    public var createTime: Timestamp?
    /// `google.protobuf.Timestamp update_time = 7;`
    public var updateTime: Timestamp?
    /// `google.protobuf.Timestamp expire_time = 8;`
    public var expireTime: Timestamp?
    /// `google.protobuf.Timestamp last_used_time = 9;`
    public var lastUsedTime: Timestamp?
    /// `google.protobuf.Timestamp revoke_time = 10;`
    public var revokeTime: Timestamp?
    /// `string created_by = 11;`
    public var createdBy: String = ""
    /// `RateLimits rate_limits = 12;`
    public var rateLimits: RateLimits?
    /// `google.protobuf.Timestamp previous_secret_expire_time = 13;`
    public var previousSecretExpireTime: Timestamp?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, keyID)
        sink.string(2, name)
        sink.string(3, prefix)
        sink.enumField(4, scopes)
        sink.enumField(5, state)
        sink.message(6, createTime)
        sink.message(7, updateTime)
        sink.message(8, expireTime)
        sink.message(9, lastUsedTime)
        sink.message(10, revokeTime)
        sink.string(11, createdBy)
        sink.message(12, rateLimits)
        sink.message(13, previousSecretExpireTime)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &keyID)
        case 2: try reader.string(tag, into: &name)
        case 3: try reader.string(tag, into: &prefix)
        case 4: try reader.enumField(tag, into: &scopes)
        case 5: try reader.enumField(tag, into: &state)
        case 6: try reader.message(tag, into: &createTime)
        case 7: try reader.message(tag, into: &updateTime)
        case 8: try reader.message(tag, into: &expireTime)
        case 9: try reader.message(tag, into: &lastUsedTime)
        case 10: try reader.message(tag, into: &revokeTime)
        case 11: try reader.string(tag, into: &createdBy)
        case 12: try reader.message(tag, into: &rateLimits)
        case 13: try reader.message(tag, into: &previousSecretExpireTime)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
