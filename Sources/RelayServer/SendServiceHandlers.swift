internal import Foundation
internal import ProtoWire
internal import RelayAPI
public import RelayCore
internal import RelayDomain
public import RelayRPC

/// `relay.v1.SendService`: SendEmail and SendEmailBatch through ``Sending``. A batch answers
/// one result per message; refused messages carry the status SendEmail would have answered.
public struct SendServiceHandlers: RPCService {
    let sending: Sending

    /// Handlers over the send use case.
    public init(sending: Sending) { self.sending = sending }

    public var methods: [RPCMethod] {
        let service = "relay.v1.SendService"
        let sending = self.sending
        return [
            .unary(service, "SendEmail", SendEmailRequest.self, SendEmailResponse.self) { request, context in
                let outcome = try await sending.send([try SendMapping.request(request)], by: try context.principal, response: SendMapping.encoded)
                switch outcome[0] {
                case .sent(let result): return SendMapping.response(result)
                case .replayed(let bytes): return try SendMapping.replay(bytes)
                case .refused(let error): throw error
                }
            },
            .unary(service, "SendEmailBatch", SendEmailBatchRequest.self, SendEmailBatchResponse.self) { request, context in
                guard (1...Sending.maxRecipients).contains(request.messages.count) else {
                    throw DomainError.invalidArgument(field: "messages", reason: "holds \(request.messages.count) messages; 1 to 50 are allowed")
                }
                var requests: [SendRequest] = []
                var mappingErrors: [Int: DomainError] = [:]
                for (index, message) in request.messages.enumerated() {
                    do throws(DomainError) {
                        requests.append(try SendMapping.request(message))
                    } catch {
                        mappingErrors[index] = error
                        requests.append(SendRequest())
                    }
                }
                let valid = requests.indices.filter { mappingErrors[$0] == nil }
                let outcomes = try await sending.send(valid.map { requests[$0] }, by: try context.principal, response: SendMapping.encoded)
                var byIndex: [Int: SendOutcome] = [:]
                for (index, outcome) in zip(valid, outcomes) { byIndex[index] = outcome }
                var response = SendEmailBatchResponse()
                for index in request.messages.indices {
                    var result = SendEmailBatchResponse.MessageResult()
                    result.index = Int32(index)
                    let outcome = mappingErrors[index].map { SendOutcome.refused($0) } ?? byIndex[index] ?? .refused(.internalError("no outcome"))
                    switch outcome {
                    case .sent(let sent): result.outcome = .response(SendMapping.response(sent))
                    case .replayed(let bytes): result.outcome = .response(try SendMapping.replay(bytes))
                    case .refused(let error):
                        result.outcome = .error(SendMapping.prefixed(error, "messages[\(index)]").rpcError(for: context).status)
                    }
                    if case .response = result.outcome { response.acceptedCount += 1 } else { response.rejectedCount += 1 }
                    response.results.append(result)
                }
                return response
            },
        ]
    }
}

/// The contract's send messages to and from the use case's values.
enum SendMapping {
    static func request(_ request: SendEmailRequest) throws(DomainError) -> SendRequest {
        var send = SendRequest()
        send.from = request.from.map(address)
        send.to = request.to.map(address)
        send.cc = request.cc.map(address)
        send.bcc = request.bcc.map(address)
        send.replyTo = request.replyTo.map(address)
        send.subject = request.subject
        switch request.body {
        case .content(let content)?:
            send.htmlBody = content.htmlBody
            send.textBody = content.textBody
        case .template?:
            send.usesTemplate = true
        case nil:
            break
        }
        send.headers = request.headers.map { MailHeader(name: $0.name, value: $0.value) }
        send.tags = request.tags
        send.metadata = request.metadata
        send.attachments = request.attachments.map {
            MailAttachment(
                filename: $0.filename, contentType: $0.contentType.isEmpty ? "application/octet-stream" : $0.contentType,
                content: $0.content, contentID: $0.contentID)
        }
        send.idempotencyKey = request.idempotencyKey
        send.sendAt = try request.sendTime?.date(field: "send_time")
        if let unsubscribe = request.listUnsubscribe {
            send.listUnsubscribe = ListUnsubscribe(httpsURL: unsubscribe.httpsURL, mailto: unsubscribe.mailto, oneClick: unsubscribe.oneClick)
        }
        send.validateOnly = request.validateOnly
        var canonical = request
        canonical.idempotencyKey = ""
        canonical.unknownFields = UnknownFields()
        send.canonicalBytes = canonical.serializedBytes()
        return send
    }

    static func address(_ address: RelayAPI.EmailAddress) -> MailAddress {
        MailAddress(address: address.address, name: address.name)
    }

    static func response(_ result: SendResult) -> SendEmailResponse {
        var response = SendEmailResponse()
        response.messageID = result.messageID?.description ?? ""
        response.status = RelayAPI.MessageStatus(rawValue: Int32(result.status.rawValue))
        response.recipients = result.recipients.map {
            var recipient = SendEmailResponse.RecipientResult()
            recipient.address = $0.address
            recipient.accepted = $0.accepted
            recipient.reason = $0.reason
            recipient.suppressionID = $0.suppressionID.map { "sup_" + $0.uuidString.lowercased().replacingOccurrences(of: "-", with: "") } ?? ""
            return recipient
        }
        response.createTime = Timestamp(result.createdAt)
        response.sendTime = result.sendAt.map(Timestamp.init)
        return response
    }

    /// The response an idempotency key keeps.
    @Sendable static func encoded(_ result: SendResult) -> [UInt8] { response(result).serializedBytes() }

    static func replay(_ bytes: [UInt8]) throws(DomainError) -> SendEmailResponse {
        do {
            var response = try SendEmailResponse(serializedBytes: bytes)
            response.idempotentReplay = true
            return response
        } catch {
            throw .internalError("a stored idempotent response does not decode: \(error)")
        }
    }

    /// `error` with its field under `prefix` (a batch's `messages[i]`).
    static func prefixed(_ error: DomainError, _ prefix: String) -> DomainError {
        if case .invalidArgument(let field, let reason) = error { return .invalidArgument(field: "\(prefix).\(field)", reason: reason) }
        return error
    }
}
