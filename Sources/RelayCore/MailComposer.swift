internal import Foundation
public import RelayDomain
internal import RelayCrypto
internal import RelayMail
internal import Synchronization

/// Builds a job's message as MIME (RelayMail) and DKIM-signs it (relaxed/relaxed) with the
/// domain's active key, unsealed once per key and kept in memory. The envelope sender is a
/// per-message address at the return-path domain (`bounces+msg_…@rp.example.com`), so a bounce
/// names the message it is about.
public final class MailComposer: DeliveryComposer {
    private let vault: DKIMKeyVault
    private let builder = MIMEMessageBuilder()
    private let keys = Mutex<[UUID: DKIMKeyPair]>([:])

    /// A composer unsealing keys with `vault`.
    public init(vault: DKIMKeyVault) { self.vault = vault }

    public func compose(_ job: DeliveryJob) throws(DomainError) -> OutgoingEmail {
        let message = job.message
        guard let key = job.signingKey else {
            throw .failedPrecondition("the domain \(message.domainName) has no active DKIM key")
        }
        let pair = try keyPair(key, of: message.domainID)
        func address(_ given: RelayDomain.MailAddress, _ field: String) throws(DomainError) -> EmailAddress {
            do {
                return try EmailAddress(address: given.address, displayName: given.name.isEmpty ? nil : given.name)
            } catch {
                throw .failedPrecondition("the stored \(field) address is not valid: \(error.explanation)")
            }
        }
        var mail = MailMessage(from: try address(message.from, "from"))
        for recipient in message.recipients {
            let parsed = try address(recipient.address, "recipient")
            switch recipient.kind {
            case .to: mail.to.append(parsed)
            case .cc: mail.cc.append(parsed)
            case .bcc: mail.bcc.append(parsed)
            }
        }
        for given in message.replyTo { mail.replyTo.append(try address(given, "reply-to")) }
        mail.subject = message.subject
        mail.textBody = message.textBody.isEmpty ? nil : message.textBody
        mail.htmlBody = message.htmlBody.isEmpty ? nil : message.htmlBody
        mail.attachments = message.attachments
        mail.headers = message.headers
        mail.listUnsubscribe = message.listUnsubscribe
        mail.messageID = String(message.rfc822MessageID.dropFirst().dropLast())
        mail.date = message.createdAt
        do {
            let built = try builder.build(mail)
            let signed = try DKIMSigner(domain: message.domainName, selector: key.selector, key: pair).sign(built.data)
            let pending = Set(job.pending.map(\.normalizedAddress))
            return OutgoingEmail(
                envelopeFrom: "bounces+\(message.id)@\(job.returnPathDomain)",
                recipients: message.recipients.filter { pending.contains($0.normalizedAddress) }.map(\.address.address), data: signed,
                messageID: message.id.description)
        } catch {
            throw error.domainError
        }
    }

    private func keyPair(_ key: DKIMKey, of domain: DomainID) throws(DomainError) -> DKIMKeyPair {
        if let known = keys.withLock({ $0[key.id] }) { return known }
        let pair = try vault.keyPair(key, of: domain)
        keys.withLock { keys in
            if keys.count > 10_000 { keys.removeAll() }
            keys[key.id] = pair
        }
        return pair
    }
}
