// Codecs for the requests and responses of Protos/relay/v1/message_service.proto: GetMessage,
// SearchMessages and the ExportMessages stream.

/// `relay.v1.GetMessageRequest`: the request of `MessageService.GetMessage`.
public struct GetMessageRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.GetMessageRequest"
    /// `string message_id = 1;`
    public var messageID: String = ""
    /// `MessageView view = 2;`
    public var view: MessageView = .unspecified
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates a request for message `messageID`.
    public init(messageID: String, view: MessageView = .unspecified) {
        self.messageID = messageID
        self.view = view
    }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, messageID)
        sink.enumField(2, view)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &messageID)
        case 2: try reader.enumField(tag, into: &view)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.GetMessageResponse`: the response of `MessageService.GetMessage`, the message with
/// its event timeline (and, in the full view, its content).
public struct GetMessageResponse: ProtoMessage {
    public static let protoMessageName = "relay.v1.GetMessageResponse"
    /// `EmailMessage message = 1;`
    public var message: EmailMessage?
    /// `repeated Event events = 2;`
    public var events: [Event] = []
    /// `EmailContent content = 3;`
    public var content: EmailContent?
    /// `repeated Header headers = 4;`
    public var headers: [Header] = []
    /// `repeated Attachment attachments = 5;`
    public var attachments: [Attachment] = []
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, message)
        sink.message(2, events)
        sink.message(3, content)
        sink.message(4, headers)
        sink.message(5, attachments)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &message)
        case 2: try reader.message(tag, into: &events)
        case 3: try reader.message(tag, into: &content)
        case 4: try reader.message(tag, into: &headers)
        case 5: try reader.message(tag, into: &attachments)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.SearchMessagesRequest`: the request of `MessageService.SearchMessages`.
public struct SearchMessagesRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.SearchMessagesRequest"
    /// `MessageFilter filter = 1;`
    public var filter: MessageFilter?
    /// `int32 page_size = 2;`
    public var pageSize: Int32 = 0
    /// `string page_token = 3;`
    public var pageToken: String = ""
    /// `MessageOrder order = 4;`
    public var order: MessageOrder = .unspecified
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, filter)
        sink.int32(2, pageSize)
        sink.string(3, pageToken)
        sink.enumField(4, order)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &filter)
        case 2: try reader.int32(tag, into: &pageSize)
        case 3: try reader.string(tag, into: &pageToken)
        case 4: try reader.enumField(tag, into: &order)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.SearchMessagesResponse`: one page of `MessageService.SearchMessages` results.
public struct SearchMessagesResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.SearchMessagesResponse"
    /// `repeated EmailMessage messages = 1;`
    public var messages: [EmailMessage] = []
    /// `string next_page_token = 2;`
    public var nextPageToken: String = ""
    /// `int32 total_size = 3;`
    public var totalSize: Int32 = 0
    /// `bool total_size_approximate = 4;`
    public var totalSizeApproximate: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, messages)
        sink.string(2, nextPageToken)
        sink.int32(3, totalSize)
        sink.bool(4, totalSizeApproximate)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &messages)
        case 2: try reader.string(tag, into: &nextPageToken)
        case 3: try reader.int32(tag, into: &totalSize)
        case 4: try reader.bool(tag, into: &totalSizeApproximate)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ExportMessagesRequest`: the request of `MessageService.ExportMessages`.
public struct ExportMessagesRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ExportMessagesRequest"

    /// `relay.v1.ExportMessagesRequest.Format`: the file format of an export.
    public enum Format: ProtoEnum {
        case unspecified  // 0
        case csv  // 1
        case jsonLines  // 2
        /// A number this version of the code does not know.
        case unrecognized(Int32)

        public init(rawValue: Int32) {
            switch rawValue {
            case 0: self = .unspecified
            case 1: self = .csv
            case 2: self = .jsonLines
            default: self = .unrecognized(rawValue)
            }
        }

        public var rawValue: Int32 {
            switch self {
            case .unspecified: 0
            case .csv: 1
            case .jsonLines: 2
            case .unrecognized(let value): value
            }
        }
    }

    /// `MessageFilter filter = 1;`
    public var filter: MessageFilter?
    /// `repeated string columns = 2;`
    public var columns: [String] = []
    /// `bool include_header = 3;`
    public var includeHeader: Bool = false
    /// `Format format = 4;`
    public var format: Format = .unspecified
    /// `MessageOrder order = 5;`
    public var order: MessageOrder = .unspecified
    /// `string resume_token = 6;`
    public var resumeToken: String = ""
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, filter)
        sink.string(2, columns)
        sink.bool(3, includeHeader)
        sink.enumField(4, format)
        sink.enumField(5, order)
        sink.string(6, resumeToken)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &filter)
        case 2: try reader.string(tag, into: &columns)
        case 3: try reader.bool(tag, into: &includeHeader)
        case 4: try reader.enumField(tag, into: &format)
        case 5: try reader.enumField(tag, into: &order)
        case 6: try reader.string(tag, into: &resumeToken)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.ExportMessagesResponse`: one chunk of an export stream (whole rows of the file).
public struct ExportMessagesResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.ExportMessagesResponse"
    /// `bytes data = 1;`
    public var data: [UInt8] = []
    /// `int64 row_count = 2;`
    public var rowCount: Int64 = 0
    /// `bool last = 3;`
    public var last: Bool = false
    /// `string resume_token = 4;`
    public var resumeToken: String = ""
    /// `int64 total_rows = 5;`
    public var totalRows: Int64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.bytes(1, data)
        sink.int64(2, rowCount)
        sink.bool(3, last)
        sink.string(4, resumeToken)
        sink.int64(5, totalRows)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.bytes(tag, into: &data)
        case 2: try reader.int64(tag, into: &rowCount)
        case 3: try reader.bool(tag, into: &last)
        case 4: try reader.string(tag, into: &resumeToken)
        case 5: try reader.int64(tag, into: &totalRows)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
