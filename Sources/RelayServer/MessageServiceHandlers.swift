internal import Foundation
internal import ProtoWire
internal import RelayAPI
public import RelayDomain
public import RelayRPC

/// `relay.v1.MessageService/GetMessage`: a message of the log with its recipients' states and its
/// events.
public struct MessageServiceHandlers: RPCService {
    let messages: any MessageRepository

    /// Handlers reading `messages`.
    public init(messages: any MessageRepository) { self.messages = messages }

    public var methods: [RPCMethod] {
        let messages = self.messages
        return [
            .unary("relay.v1.MessageService", "GetMessage", GetMessageRequest.self, GetMessageResponse.self) { request, context in
                guard !request.messageID.isEmpty else { throw DomainError.invalidArgument(field: "message_id", reason: "is required") }
                guard let id = MessageID(text: request.messageID) else {
                    throw DomainError.invalidArgument(field: "message_id", reason: "is not a message id (msg_…)")
                }
                let stored = try await messages.get(id, in: try context.principal.organizationID)
                var response = GetMessageResponse()
                response.message = MessageMapping.message(stored)
                response.events = stored.events.map(EventMapping.message)
                return response
            }
        ]
    }
}

/// Stored messages into the contract's `EmailMessage`.
enum MessageMapping {
    static func message(_ stored: StoredMessage) -> EmailMessage {
        var message = EmailMessage()
        message.messageID = stored.id.description
        message.from = address(stored.from)
        message.to = stored.recipients.filter { $0.kind == .to }.map { address($0.address) }
        message.cc = stored.recipients.filter { $0.kind == .cc }.map { address($0.address) }
        message.bcc = stored.recipients.filter { $0.kind == .bcc }.map { address($0.address) }
        message.replyTo = stored.replyTo.map(address)
        message.subject = stored.subject
        message.status = RelayAPI.MessageStatus(rawValue: Int32(stored.status.rawValue))
        message.tags = stored.tags
        message.metadata = stored.metadata
        message.domain = stored.domainName
        message.domainID = stored.domainID.description
        message.sizeBytes = Int64(stored.sizeBytes)
        message.attachmentCount = Int32(clamping: stored.attachmentCount)
        message.createTime = Timestamp(stored.createdAt)
        message.updateTime = Timestamp(stored.updatedAt)
        message.sendTime = stored.sendAt.map(Timestamp.init)
        message.recipients = stored.recipients.map { recipient in
            var entry = EmailMessage.Recipient()
            entry.address = recipient.address.address
            entry.type = EmailMessage.RecipientType(rawValue: Int32(recipient.kind.rawValue))
            entry.status = RelayAPI.MessageStatus(rawValue: Int32(recipient.status.rawValue))
            entry.attempts = Int32(clamping: recipient.attempts)
            entry.detail = recipient.detail
            entry.smtpCode = Int32(clamping: recipient.smtpCode)
            entry.updateTime = Timestamp(recipient.updatedAt)
            entry.nextAttemptTime = recipient.nextAttemptAt.map(Timestamp.init)
            return entry
        }
        message.attempts = Int32(clamping: stored.recipients.reduce(0) { $0 + $1.attempts })
        message.idempotencyKey = stored.idempotencyKey
        message.keyID = stored.apiKeyID?.description ?? ""
        message.rfc822MessageID = stored.rfc822MessageID
        return message
    }

    static func address(_ address: MailAddress) -> RelayAPI.EmailAddress {
        var message = RelayAPI.EmailAddress()
        message.address = address.address
        message.name = address.name
        return message
    }
}
