// Codecs for the resources of Protos/relay/v1/message_service.proto: the EmailMessage log entry,
// the shared MessageFilter and the MessageView and MessageOrder enums.

/// `relay.v1.MessageView`: how much of a message `GetMessage` returns.
public enum MessageView: ProtoEnum {
    case unspecified  // 0
    case basic  // 1
    case full  // 2
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .basic
        case 2: self = .full
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .basic: 1
        case .full: 2
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.MessageOrder`: the order of messages in search results and exports.
public enum MessageOrder: ProtoEnum {
    case unspecified  // 0
    case newestFirst  // 1
    case oldestFirst  // 2
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .newestFirst
        case 2: self = .oldestFirst
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .newestFirst: 1
        case .oldestFirst: 2
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.EmailMessage`: a message Relay accepted, as recorded in the logs (read-only).
public struct EmailMessage: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.EmailMessage"
    /// `string message_id = 1;`
    public var messageID: String = ""
    /// `EmailAddress from = 2;`
    public var from: EmailAddress?
    /// `repeated EmailAddress to = 3;`
    public var to: [EmailAddress] = []
    /// `repeated EmailAddress cc = 4;`
    public var cc: [EmailAddress] = []
    /// `repeated EmailAddress bcc = 5;`
    public var bcc: [EmailAddress] = []
    /// `repeated EmailAddress reply_to = 6;`
    public var replyTo: [EmailAddress] = []
    /// `string subject = 7;`
    public var subject: String = ""
    /// `MessageStatus status = 8;`
    public var status: MessageStatus = .unspecified
    /// `repeated string tags = 9;`
    public var tags: [String] = []
    /// `map<string, string> metadata = 10;`
    public var metadata: [String: String] = [:]
    /// `string domain = 11;`
    public var domain: String = ""
    /// `string domain_id = 12;`
    public var domainID: String = ""
    /// `int64 size_bytes = 13;`
    public var sizeBytes: Int64 = 0
    /// `int32 attachment_count = 14;`
    public var attachmentCount: Int32 = 0
    /// `google.protobuf.Timestamp create_time = 15;`
    public var createTime: Timestamp?
    /// `google.protobuf.Timestamp update_time = 16;`
    public var updateTime: Timestamp?
    /// `google.protobuf.Timestamp send_time = 17;`
    public var sendTime: Timestamp?
    /// `repeated Recipient recipients = 18;`
    public var recipients: [Recipient] = []
    /// `int32 attempts = 19;`
    public var attempts: Int32 = 0
    /// `string template_id = 20;`
    public var templateID: String = ""
    /// `string idempotency_key = 21;`
    public var idempotencyKey: String = ""
    /// `string key_id = 22;`
    public var keyID: String = ""
    /// `string rfc822_message_id = 23;`
    public var rfc822MessageID: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, messageID)
        sink.message(2, from)
        sink.message(3, to)
        sink.message(4, cc)
        sink.message(5, bcc)
        sink.message(6, replyTo)
        sink.string(7, subject)
        sink.enumField(8, status)
        sink.string(9, tags)
        sink.map(10, metadata)
        sink.string(11, domain)
        sink.string(12, domainID)
        sink.int64(13, sizeBytes)
        sink.int32(14, attachmentCount)
        sink.message(15, createTime)
        sink.message(16, updateTime)
        sink.message(17, sendTime)
        sink.message(18, recipients)
        sink.int32(19, attempts)
        sink.string(20, templateID)
        sink.string(21, idempotencyKey)
        sink.string(22, keyID)
        sink.string(23, rfc822MessageID)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &messageID)
        case 2: try reader.message(tag, into: &from)
        case 3: try reader.message(tag, into: &to)
        case 4: try reader.message(tag, into: &cc)
        case 5: try reader.message(tag, into: &bcc)
        case 6: try reader.message(tag, into: &replyTo)
        case 7: try reader.string(tag, into: &subject)
        case 8: try reader.enumField(tag, into: &status)
        case 9: try reader.string(tag, into: &tags)
        case 10: try reader.map(tag, into: &metadata)
        case 11: try reader.string(tag, into: &domain)
        case 12: try reader.string(tag, into: &domainID)
        case 13: try reader.int64(tag, into: &sizeBytes)
        case 14: try reader.int32(tag, into: &attachmentCount)
        case 15: try reader.message(tag, into: &createTime)
        case 16: try reader.message(tag, into: &updateTime)
        case 17: try reader.message(tag, into: &sendTime)
        case 18: try reader.message(tag, into: &recipients)
        case 19: try reader.int32(tag, into: &attempts)
        case 20: try reader.string(tag, into: &templateID)
        case 21: try reader.string(tag, into: &idempotencyKey)
        case 22: try reader.string(tag, into: &keyID)
        case 23: try reader.string(tag, into: &rfc822MessageID)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

extension EmailMessage {
    /// `relay.v1.EmailMessage.RecipientType`: how a recipient was addressed (To, Cc or Bcc).
    public enum RecipientType: ProtoEnum {
        case unspecified  // 0
        case to  // 1
        case cc  // 2
        case bcc  // 3
        /// A number this version of the code does not know.
        case unrecognized(Int32)

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .to
            case 2: self = .cc
            case 3: self = .bcc
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unspecified: 0
            case .to: 1
            case .cc: 2
            case .bcc: 3
            case .unrecognized(let value): value
            }
        }
    }

    /// `relay.v1.EmailMessage.Recipient`: the delivery state of one recipient of a message.
    public struct Recipient: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.EmailMessage.Recipient"
        /// `string address = 1;`
        public var address: String = ""
        /// `RecipientType type = 2;`
        public var type: RecipientType = .unspecified
        /// `MessageStatus status = 3;`
        public var status: MessageStatus = .unspecified
        /// `int32 attempts = 4;`
        public var attempts: Int32 = 0
        /// `string detail = 5;`
        public var detail: String = ""
        /// `int32 smtp_code = 6;`
        public var smtpCode: Int32 = 0
        /// `string enhanced_status = 7;`
        public var enhancedStatus: String = ""
        /// `string mx_host = 8;`
        public var mxHost: String = ""
        /// `google.protobuf.Timestamp update_time = 9;`
        public var updateTime: Timestamp?
        /// `google.protobuf.Timestamp next_attempt_time = 10;`
        public var nextAttemptTime: Timestamp?
        /// `int32 open_count = 11;`
        public var openCount: Int32 = 0
        /// `int32 click_count = 12;`
        public var clickCount: Int32 = 0
        /// `string suppression_id = 13;`
        public var suppressionID: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, address)
            sink.enumField(2, type)
            sink.enumField(3, status)
            sink.int32(4, attempts)
            sink.string(5, detail)
            sink.int32(6, smtpCode)
            sink.string(7, enhancedStatus)
            sink.string(8, mxHost)
            sink.message(9, updateTime)
            sink.message(10, nextAttemptTime)
            sink.int32(11, openCount)
            sink.int32(12, clickCount)
            sink.string(13, suppressionID)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &address)
            case 2: try reader.enumField(tag, into: &type)
            case 3: try reader.enumField(tag, into: &status)
            case 4: try reader.int32(tag, into: &attempts)
            case 5: try reader.string(tag, into: &detail)
            case 6: try reader.int32(tag, into: &smtpCode)
            case 7: try reader.string(tag, into: &enhancedStatus)
            case 8: try reader.string(tag, into: &mxHost)
            case 9: try reader.message(tag, into: &updateTime)
            case 10: try reader.message(tag, into: &nextAttemptTime)
            case 11: try reader.int32(tag, into: &openCount)
            case 12: try reader.int32(tag, into: &clickCount)
            case 13: try reader.string(tag, into: &suppressionID)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}

/// `relay.v1.MessageFilter`: which messages to search or export (every set field must match).
public struct MessageFilter: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.MessageFilter"
    /// `repeated MessageStatus statuses = 1;`
    public var statuses: [MessageStatus] = []
    /// `string recipient = 2;`
    public var recipient: String = ""
    /// `string from_address = 3;`
    public var fromAddress: String = ""
    /// `string domain = 4;`
    public var domain: String = ""
    /// `string tag = 5;`
    public var tag: String = ""
    /// `string subject_contains = 6;`
    public var subjectContains: String = ""
    /// `google.protobuf.Timestamp start_time = 7;`
    public var startTime: Timestamp?
    /// `google.protobuf.Timestamp end_time = 8;`
    public var endTime: Timestamp?
    /// `string template_id = 9;`
    public var templateID: String = ""
    /// `map<string, string> metadata = 10;`
    public var metadata: [String: String] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.enumField(1, statuses)
        sink.string(2, recipient)
        sink.string(3, fromAddress)
        sink.string(4, domain)
        sink.string(5, tag)
        sink.string(6, subjectContains)
        sink.message(7, startTime)
        sink.message(8, endTime)
        sink.string(9, templateID)
        sink.map(10, metadata)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.enumField(tag, into: &statuses)
        case 2: try reader.string(tag, into: &recipient)
        case 3: try reader.string(tag, into: &fromAddress)
        case 4: try reader.string(tag, into: &domain)
        case 5: try reader.string(tag, into: &self.tag)
        case 6: try reader.string(tag, into: &subjectContains)
        case 7: try reader.message(tag, into: &startTime)
        case 8: try reader.message(tag, into: &endTime)
        case 9: try reader.string(tag, into: &templateID)
        case 10: try reader.map(tag, into: &metadata)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
