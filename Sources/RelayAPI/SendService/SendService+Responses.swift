// Codecs for the response side of Protos/relay/v1/send_service.proto: SendEmailResponse and the
// batch messages.

/// `relay.v1.SendEmailResponse`: the response of `SendService.SendEmail`.
public struct SendEmailResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.SendEmailResponse"
    /// `string message_id = 1;`
    public var messageID: String = ""
    /// `MessageStatus status = 2;`
    public var status: MessageStatus = .unspecified
    /// `repeated RecipientResult recipients = 3;`
    public var recipients: [RecipientResult] = []
    /// `bool idempotent_replay = 4;`
    public var idempotentReplay: Bool = false
    /// `google.protobuf.Timestamp create_time = 5;`
    public var createTime: Timestamp?
    /// `google.protobuf.Timestamp send_time = 6;`
    public var sendTime: Timestamp?
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, messageID)
        sink.enumField(2, status)
        sink.message(3, recipients)
        sink.bool(4, idempotentReplay)
        sink.message(5, createTime)
        sink.message(6, sendTime)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &messageID)
        case 2: try reader.enumField(tag, into: &status)
        case 3: try reader.message(tag, into: &recipients)
        case 4: try reader.bool(tag, into: &idempotentReplay)
        case 5: try reader.message(tag, into: &createTime)
        case 6: try reader.message(tag, into: &sendTime)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

extension SendEmailResponse {
    /// `relay.v1.SendEmailResponse.RecipientResult`: the outcome for one recipient (accepted, or
    /// skipped and why).
    public struct RecipientResult: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.SendEmailResponse.RecipientResult"
        /// `string address = 1;`
        public var address: String = ""
        /// `bool accepted = 2;`
        public var accepted: Bool = false
        /// `string reason = 3;`
        public var reason: String = ""
        /// `string suppression_id = 4;`
        public var suppressionID: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, address)
            sink.bool(2, accepted)
            sink.string(3, reason)
            sink.string(4, suppressionID)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &address)
            case 2: try reader.bool(tag, into: &accepted)
            case 3: try reader.string(tag, into: &reason)
            case 4: try reader.string(tag, into: &suppressionID)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}

/// `relay.v1.SendEmailBatchRequest`: the request of `SendService.SendEmailBatch`, 1 to 50
/// messages.
public struct SendEmailBatchRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.SendEmailBatchRequest"
    /// `repeated SendEmailRequest messages = 1;`
    public var messages: [SendEmailRequest] = []
    public var unknownFields = UnknownFields()

    public init() {}

    /// Creates a batch of `messages`.
    public init(messages: [SendEmailRequest]) { self.messages = messages }

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, messages)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &messages)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.v1.SendEmailBatchResponse`: the response of `SendService.SendEmailBatch`, one result
/// per message in request order.
public struct SendEmailBatchResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.SendEmailBatchResponse"
    /// `repeated MessageResult results = 1;`
    public var results: [MessageResult] = []
    /// `int32 accepted_count = 2;`
    public var acceptedCount: Int32 = 0
    /// `int32 rejected_count = 3;`
    public var rejectedCount: Int32 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.message(1, results)
        sink.int32(2, acceptedCount)
        sink.int32(3, rejectedCount)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &results)
        case 2: try reader.int32(tag, into: &acceptedCount)
        case 3: try reader.int32(tag, into: &rejectedCount)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

extension SendEmailBatchResponse {
    /// `relay.v1.SendEmailBatchResponse.MessageResult`: the outcome of one message of a batch,
    /// either its `SendEmailResponse` or its error.
    public struct MessageResult: ProtoMessage, Hashable {
        public static let protoMessageName = "relay.v1.SendEmailBatchResponse.MessageResult"

        /// `oneof outcome { SendEmailResponse response = 2; google.rpc.Status error = 3; }`
        public enum Outcome: Sendable, Hashable {
            /// `SendEmailResponse response = 2;`
            case response(SendEmailResponse)
            /// `google.rpc.Status error = 3;`
            case error(Google.Rpc.Status)
        }

        /// `int32 index = 1;`
        public var index: Int32 = 0
        /// `oneof outcome` (fields 2 and 3).
        public var outcome: Outcome?
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates the result of message `index`.
        public init(index: Int32, outcome: Outcome?) {
            self.index = index
            self.outcome = outcome
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.int32(1, index)
            switch outcome {
            case .response(let v)?: sink.message(2, v)
            case .error(let v)?: sink.message(3, v)
            case nil: break
            }
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.int32(tag, into: &index)
            case 2:
                var v = SendEmailResponse()
                if case .response(let old)? = outcome { v = old }
                try reader.message(tag, into: &v)
                outcome = .response(v)
            case 3:
                var v = Google.Rpc.Status()
                if case .error(let old)? = outcome { v = old }
                try reader.message(tag, into: &v)
                outcome = .error(v)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}
