// Codecs for the enums, the resource and the filter of Protos/relay/v1/suppression_service.proto.

/// `relay.v1.SuppressionReason`: why an address is suppressed.
public enum SuppressionReason: ProtoEnum {
    case unspecified  // 0
    case hardBounce  // 1
    case complaint  // 2
    case manual  // 3
    case unsubscribe  // 4
    case invalidAddress  // 5
    case repeatedSoftBounce  // 6
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .hardBounce
        case 2: self = .complaint
        case 3: self = .manual
        case 4: self = .unsubscribe
        case 5: self = .invalidAddress
        case 6: self = .repeatedSoftBounce
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .hardBounce: 1
        case .complaint: 2
        case .manual: 3
        case .unsubscribe: 4
        case .invalidAddress: 5
        case .repeatedSoftBounce: 6
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.SuppressionOrigin`: who or what added a suppression.
public enum SuppressionOrigin: ProtoEnum {
    case unspecified  // 0
    case automatic  // 1
    case manual  // 2
    case `import`  // 3
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .automatic
        case 2: self = .manual
        case 3: self = .import
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .automatic: 1
        case .manual: 2
        case .import: 3
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.SuppressionExportFormat`: the format of an export.
public enum SuppressionExportFormat: ProtoEnum {
    case unspecified  // 0
    case proto  // 1
    case csv  // 2
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .proto
        case 2: self = .csv
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .proto: 1
        case .csv: 2
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.Suppression`: one suppressed address of an organization.
public struct Suppression: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.Suppression"
    /// `string suppression_id = 1;`
    public var suppressionID: String = ""
    /// `string address = 2;`
    public var address: String = ""
    /// `SuppressionReason reason = 3;`
    public var reason: SuppressionReason = .unspecified
    /// `SuppressionOrigin origin = 4;`
    public var origin: SuppressionOrigin = .unspecified
    /// `string detail = 5;`
    public var detail: String = ""
    /// `string source_message_id = 6;`
    public var sourceMessageID: String = ""
    /// `google.protobuf.Timestamp create_time = 7;`
    public var createTime: Timestamp?
    /// `google.protobuf.Timestamp expire_time = 8;`
    public var expireTime: Timestamp?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, suppressionID)
        sink.string(2, address)
        sink.enumField(3, reason)
        sink.enumField(4, origin)
        sink.string(5, detail)
        sink.string(6, sourceMessageID)
        sink.message(7, createTime)
        sink.message(8, expireTime)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &suppressionID)
        case 2: try reader.string(tag, into: &address)
        case 3: try reader.enumField(tag, into: &reason)
        case 4: try reader.enumField(tag, into: &origin)
        case 5: try reader.string(tag, into: &detail)
        case 6: try reader.string(tag, into: &sourceMessageID)
        case 7: try reader.message(tag, into: &createTime)
        case 8: try reader.message(tag, into: &expireTime)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.SuppressionFilter`: which suppressions to list or export.
public struct SuppressionFilter: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.SuppressionFilter"
    /// `repeated SuppressionReason reasons = 1;`
    public var reasons: [SuppressionReason] = []
    /// `repeated SuppressionOrigin origins = 2;`
    public var origins: [SuppressionOrigin] = []
    /// `string address_prefix = 3;`
    public var addressPrefix: String = ""
    /// `string domain = 4;`
    public var domain: String = ""
    /// `google.protobuf.Timestamp create_time_start = 5;`
    public var createTimeStart: Timestamp?
    /// `google.protobuf.Timestamp create_time_end = 6;`
    public var createTimeEnd: Timestamp?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.enumField(1, reasons)
        sink.enumField(2, origins)
        sink.string(3, addressPrefix)
        sink.string(4, domain)
        sink.message(5, createTimeStart)
        sink.message(6, createTimeEnd)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.enumField(tag, into: &reasons)
        case 2: try reader.enumField(tag, into: &origins)
        case 3: try reader.string(tag, into: &addressPrefix)
        case 4: try reader.string(tag, into: &domain)
        case 5: try reader.message(tag, into: &createTimeStart)
        case 6: try reader.message(tag, into: &createTimeEnd)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
