// Codecs for Protos/relay/v1/common.proto.

/// `relay.v1.EmailAddress`: an address with an optional display name.
public struct EmailAddress: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.EmailAddress"
    /// `string address = 1;`
    public var address: String = ""
    /// `string name = 2;`
    public var name: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates an address with an optional display name.
    public init(address: String, name: String = "") {
        self.address = address
        self.name = name
    }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, address)
        sink.string(2, name)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &address)
        case 2: try reader.string(tag, into: &name)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.Header`: one extra MIME header.
public struct Header: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.Header"
    /// `string name = 1;`
    public var name: String = ""
    /// `string value = 2;`
    public var value: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates a header.
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, name)
        sink.string(2, value)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &name)
        case 2: try reader.string(tag, into: &value)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.MessageStatus`: where a message is in its life.
public enum MessageStatus: ProtoEnum {
    case unspecified  // 0
    case queued  // 1
    case sent  // 2
    case delivered  // 3
    case deferred  // 4
    case bounced  // 5
    case failed  // 6
    case suppressed  // 7
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .queued
        case 2: self = .sent
        case 3: self = .delivered
        case 4: self = .deferred
        case 5: self = .bounced
        case 6: self = .failed
        case 7: self = .suppressed
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .queued: 1
        case .sent: 2
        case .delivered: 3
        case .deferred: 4
        case .bounced: 5
        case .failed: 6
        case .suppressed: 7
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.EventType`: the kind of a delivery event.
public enum EventType: ProtoEnum {
    case unspecified  // 0
    case queued  // 1
    case sent  // 2
    case delivered  // 3
    case deferred  // 4
    case bounced  // 5
    case failed  // 6
    case suppressed  // 7
    case opened  // 8
    case clicked  // 9
    case complained  // 10
    case unsubscribed  // 11
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .queued
        case 2: self = .sent
        case 3: self = .delivered
        case 4: self = .deferred
        case 5: self = .bounced
        case 6: self = .failed
        case 7: self = .suppressed
        case 8: self = .opened
        case 9: self = .clicked
        case 10: self = .complained
        case 11: self = .unsubscribed
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .queued: 1
        case .sent: 2
        case .delivered: 3
        case .deferred: 4
        case .bounced: 5
        case .failed: 6
        case .suppressed: 7
        case .opened: 8
        case .clicked: 9
        case .complained: 10
        case .unsubscribed: 11
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.Event`: one entry of a message's event log.
public struct Event: ProtoMessage {
    public static let protoMessageName = "relay.v1.Event"
    /// `string cursor = 1;`
    public var cursor: String = ""
    /// `EventType type = 2;`
    public var type: EventType = .unspecified
    /// `string message_id = 3;`
    public var messageID: String = ""
    /// `string recipient = 4;`
    public var recipient: String = ""
    /// `google.protobuf.Timestamp occur_time = 5;`
    public var occurTime: Timestamp?
    /// `string domain = 6;`
    public var domain: String = ""
    /// `repeated string tags = 7;`
    public var tags: [String] = []
    /// `string detail = 8;`
    public var detail: String = ""
    /// `int32 smtp_code = 9;`
    public var smtpCode: Int32 = 0
    /// `string enhanced_status = 10;`
    public var enhancedStatus: String = ""
    /// `int32 attempt = 11;`
    public var attempt: Int32 = 0
    /// `map<string, string> metadata = 12;`
    public var metadata: [String: String] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, cursor)
        sink.enumField(2, type)
        sink.string(3, messageID)
        sink.string(4, recipient)
        sink.message(5, occurTime)
        sink.string(6, domain)
        sink.string(7, tags)
        sink.string(8, detail)
        sink.int32(9, smtpCode)
        sink.string(10, enhancedStatus)
        sink.int32(11, attempt)
        sink.map(12, metadata)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &cursor)
        case 2: try reader.enumField(tag, into: &type)
        case 3: try reader.string(tag, into: &messageID)
        case 4: try reader.string(tag, into: &recipient)
        case 5: try reader.message(tag, into: &occurTime)
        case 6: try reader.string(tag, into: &domain)
        case 7: try reader.string(tag, into: &tags)
        case 8: try reader.string(tag, into: &detail)
        case 9: try reader.int32(tag, into: &smtpCode)
        case 10: try reader.string(tag, into: &enhancedStatus)
        case 11: try reader.int32(tag, into: &attempt)
        case 12: try reader.map(tag, into: &metadata)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.Attachment`: a file attached to a message.
public struct Attachment: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.Attachment"
    /// `string filename = 1;`
    public var filename: String = ""
    /// `string content_type = 2;`
    public var contentType: String = ""
    /// `bytes content = 3;`
    public var content: [UInt8] = []
    /// `string content_id = 4;`
    public var contentID: String = ""
    /// `int64 size_bytes = 5;`
    public var sizeBytes: Int64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, filename)
        sink.string(2, contentType)
        sink.bytes(3, content)
        sink.string(4, contentID)
        sink.int64(5, sizeBytes)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &filename)
        case 2: try reader.string(tag, into: &contentType)
        case 3: try reader.bytes(tag, into: &content)
        case 4: try reader.string(tag, into: &contentID)
        case 5: try reader.int64(tag, into: &sizeBytes)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
