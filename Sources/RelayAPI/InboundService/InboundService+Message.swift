// Codecs for the inbound-message resource of Protos/relay/v1/inbound_service.proto.

/// `relay.v1.InboundMessage`: a message Relay received for one of the organization's domains.
public struct InboundMessage: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.v1.InboundMessage"
    /// `string inbound_message_id = 1;`
    public var inboundMessageID: String = ""
    /// `string route_id = 2;`
    public var routeID: String = ""
    /// `RouteDestination destination = 3;`
    public var destination: RouteDestination = .unspecified
    /// `string envelope_sender = 4;`
    public var envelopeSender: String = ""
    /// `string envelope_recipient = 5;`
    public var envelopeRecipient: String = ""
    /// `EmailAddress from = 6;`
    public var from: EmailAddress?
    /// `repeated EmailAddress to = 7;`
    public var to: [EmailAddress] = []
    /// `repeated EmailAddress cc = 8;`
    public var cc: [EmailAddress] = []
    /// `repeated EmailAddress reply_to = 9;`
    public var replyTo: [EmailAddress] = []
    /// `string subject = 10;`
    public var subject: String = ""
    /// `string text_body = 11;`
    public var textBody: String = ""
    /// `string html_body = 12;`
    public var htmlBody: String = ""
    /// `string stripped_text_reply = 13;`
    public var strippedTextReply: String = ""
    /// `repeated Header headers = 14;`
    public var headers: [Header] = []
    /// `repeated Attachment attachments = 15;`
    public var attachments: [Attachment] = []
    /// `string message_id_header = 16;`
    public var messageIDHeader: String = ""
    /// `string in_reply_to = 17;`
    public var inReplyTo: String = ""
    /// `repeated string references = 18;`
    public var references: [String] = []
    /// `string thread_message_id = 19;`
    public var threadMessageID: String = ""
    /// `SpamVerdict spam_verdict = 20;`
    public var spamVerdict: SpamVerdict = .unspecified
    /// `double spam_score = 21;`
    public var spamScore: Double = 0
    /// `AuthenticationResult spf_result = 22;`
    public var spfResult: AuthenticationResult = .unspecified
    /// `AuthenticationResult dkim_result = 23;`
    public var dkimResult: AuthenticationResult = .unspecified
    /// `AuthenticationResult dmarc_result = 24;`
    public var dmarcResult: AuthenticationResult = .unspecified
    /// `google.protobuf.Timestamp received_time = 25;`
    public var receivedTime: Timestamp?
    /// `InboundDeliveryState delivery_state = 26;`
    public var deliveryState: InboundDeliveryState = .unspecified
    /// `int32 delivery_attempts = 27;`
    public var deliveryAttempts: Int32 = 0
    /// `string delivery_error = 28;`
    public var deliveryError: String = ""
    /// `google.protobuf.Timestamp delivered_time = 29;`
    public var deliveredTime: Timestamp?
    /// `string destination_reference = 30;`
    public var destinationReference: String = ""
    /// `int64 size_bytes = 31;`
    public var sizeBytes: Int64 = 0
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, inboundMessageID)
        sink.string(2, routeID)
        sink.enumField(3, destination)
        sink.string(4, envelopeSender)
        sink.string(5, envelopeRecipient)
        sink.message(6, from)
        sink.message(7, to)
        sink.message(8, cc)
        sink.message(9, replyTo)
        sink.string(10, subject)
        sink.string(11, textBody)
        sink.string(12, htmlBody)
        sink.string(13, strippedTextReply)
        sink.message(14, headers)
        sink.message(15, attachments)
        sink.string(16, messageIDHeader)
        sink.string(17, inReplyTo)
        sink.string(18, references)
        sink.string(19, threadMessageID)
        sink.enumField(20, spamVerdict)
        sink.double(21, spamScore)
        sink.enumField(22, spfResult)
        sink.enumField(23, dkimResult)
        sink.enumField(24, dmarcResult)
        sink.message(25, receivedTime)
        sink.enumField(26, deliveryState)
        sink.int32(27, deliveryAttempts)
        sink.string(28, deliveryError)
        sink.message(29, deliveredTime)
        sink.string(30, destinationReference)
        sink.int64(31, sizeBytes)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &inboundMessageID)
        case 2: try reader.string(tag, into: &routeID)
        case 3: try reader.enumField(tag, into: &destination)
        case 4: try reader.string(tag, into: &envelopeSender)
        case 5: try reader.string(tag, into: &envelopeRecipient)
        case 6: try reader.message(tag, into: &from)
        case 7: try reader.message(tag, into: &to)
        case 8: try reader.message(tag, into: &cc)
        case 9: try reader.message(tag, into: &replyTo)
        case 10: try reader.string(tag, into: &subject)
        case 11: try reader.string(tag, into: &textBody)
        case 12: try reader.string(tag, into: &htmlBody)
        case 13: try reader.string(tag, into: &strippedTextReply)
        case 14: try reader.message(tag, into: &headers)
        case 15: try reader.message(tag, into: &attachments)
        case 16: try reader.string(tag, into: &messageIDHeader)
        case 17: try reader.string(tag, into: &inReplyTo)
        case 18: try reader.string(tag, into: &references)
        case 19: try reader.string(tag, into: &threadMessageID)
        case 20: try reader.enumField(tag, into: &spamVerdict)
        case 21: try reader.double(tag, into: &spamScore)
        case 22: try reader.enumField(tag, into: &spfResult)
        case 23: try reader.enumField(tag, into: &dkimResult)
        case 24: try reader.enumField(tag, into: &dmarcResult)
        case 25: try reader.message(tag, into: &receivedTime)
        case 26: try reader.enumField(tag, into: &deliveryState)
        case 27: try reader.int32(tag, into: &deliveryAttempts)
        case 28: try reader.string(tag, into: &deliveryError)
        case 29: try reader.message(tag, into: &deliveredTime)
        case 30: try reader.string(tag, into: &destinationReference)
        case 31: try reader.int64(tag, into: &sizeBytes)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}
