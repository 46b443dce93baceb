// Codecs for Protos/relay/v1/organization_service.proto.

/// `relay.v1.Organization`: the tenant every key, domain and message belongs to.
public struct Organization: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.Organization"
    /// `string organization_id = 1;`
    public var organizationID: String = ""
    /// `string name = 2;`
    public var name: String = ""
    /// `google.protobuf.Timestamp create_time = 3;`
    public var createTime: Timestamp?
    /// `google.protobuf.Timestamp update_time = 4;`
    public var updateTime: Timestamp?
    /// `RateLimits rate_limits = 5;`
    public var rateLimits: RateLimits?
    /// `RateLimits default_key_rate_limits = 6;`
    public var defaultKeyRateLimits: RateLimits?
    /// `RateLimits effective_rate_limits = 7;`
    public var effectiveRateLimits: RateLimits?
    /// `RateLimits effective_default_key_rate_limits = 8;`
    public var effectiveDefaultKeyRateLimits: RateLimits?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, organizationID)
        sink.string(2, name)
        sink.message(3, createTime)
        sink.message(4, updateTime)
        sink.message(5, rateLimits)
        sink.message(6, defaultKeyRateLimits)
        sink.message(7, effectiveRateLimits)
        sink.message(8, effectiveDefaultKeyRateLimits)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &organizationID)
        case 2: try reader.string(tag, into: &name)
        case 3: try reader.message(tag, into: &createTime)
        case 4: try reader.message(tag, into: &updateTime)
        case 5: try reader.message(tag, into: &rateLimits)
        case 6: try reader.message(tag, into: &defaultKeyRateLimits)
        case 7: try reader.message(tag, into: &effectiveRateLimits)
        case 8: try reader.message(tag, into: &effectiveDefaultKeyRateLimits)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.GetOrganizationRequest`: the organization is the calling key's.
public struct GetOrganizationRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.GetOrganizationRequest"
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        try reader.skip(tag, into: &unknownFields)
    }
}

/// `relay.v1.GetOrganizationResponse`: the caller's organization.
public struct GetOrganizationResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.GetOrganizationResponse"
    /// `Organization organization = 1;`
    public var organization: Organization?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, organization)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &organization)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.UpdateOrganizationRequest`: new values and the mask naming the fields to change.
public struct UpdateOrganizationRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.UpdateOrganizationRequest"
    /// `Organization organization = 1;`
    public var organization: Organization?
    /// `google.protobuf.FieldMask update_mask = 2;`
    public var updateMask: FieldMask?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, organization)
        sink.message(2, updateMask)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &organization)
        case 2: try reader.message(tag, into: &updateMask)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.UpdateOrganizationResponse`: the organization after the change.
public struct UpdateOrganizationResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.UpdateOrganizationResponse"
    /// `Organization organization = 1;`
    public var organization: Organization?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, organization)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &organization)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
