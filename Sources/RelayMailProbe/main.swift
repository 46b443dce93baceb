// relay-mail-probe: reads one JSON request on stdin (a message description, or raw bytes to sign,
// and DKIM options), builds and DKIM-signs the message, and writes one JSON answer on stdout:
// the signed bytes (base64), the key's DNS record and private key. For Tests/interop/test_mail.py.
import Foundation
import RelayCrypto
import RelayDomain
import RelayMail

/// The request: `message` (built) or `raw_b64` (signed as is), and `dkim`.
struct ProbeRequest: Decodable {
    struct Address: Decodable {
        var address: String
        var name: String?
    }
    struct Attachment: Decodable {
        var filename: String
        var contentType: String?
        var contentB64: String
        var contentId: String?
    }
    struct Header: Decodable {
        var name: String
        var value: String
    }
    struct Unsubscribe: Decodable {
        var httpsUrl: String?
        var mailto: String?
        var oneClick: Bool?
    }
    struct Message: Decodable {
        var from: Address
        var to: [Address]?
        var cc: [Address]?
        var bcc: [Address]?
        var replyTo: [Address]?
        var subject: String?
        var text: String?
        var html: String?
        var attachments: [Attachment]?
        var headers: [Header]?
        var listUnsubscribe: Unsubscribe?
        var messageId: String?
        var date: Double?
    }
    struct DKIM: Decodable {
        var algorithm: String
        var domain: String
        var selector: String
        var privateKeyPem: String?
        var timestamp: Double?
    }
    var message: Message?
    var rawB64: String?
    var dkim: DKIM
    var maximumSize: Int?
}

/// A failure to report: the text goes into the answer's `error`.
struct ProbeFailure: Error {
    let message: String
}

func address(_ value: ProbeRequest.Address, field: String) throws -> EmailAddress {
    do {
        return try EmailAddress(address: value.address, displayName: value.name)
    } catch {
        throw ProbeFailure(message: MailError.invalidAddress(field: field, error).description)
    }
}

func addresses(_ values: [ProbeRequest.Address]?, field: String) throws -> [EmailAddress] {
    try (values ?? []).enumerated().map { try address($1, field: "\(field)[\($0)]") }
}

func run(_ input: Data) throws -> [String: Any] {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    let request: ProbeRequest
    do { request = try decoder.decode(ProbeRequest.self, from: input) } catch { throw ProbeFailure(message: "bad request: \(error)") }

    guard let algorithm = DKIMKeyAlgorithm(rawValue: request.dkim.algorithm) else {
        throw ProbeFailure(message: "unknown algorithm \(request.dkim.algorithm)")
    }
    let key = try request.dkim.privateKeyPem.map { try DKIMKeyPair(pem: $0) } ?? DKIMKeyPair.generate(algorithm)
    guard key.algorithm == algorithm else { throw ProbeFailure(message: "the key is not \(algorithm.rawValue)") }
    let signer = try DKIMSigner(domain: request.dkim.domain, selector: request.dkim.selector, key: key)

    var answer: [String: Any] = [:]
    let unsigned: [UInt8]
    if let raw = request.rawB64 {
        guard let bytes = Base64.decode(raw) else { throw ProbeFailure(message: "raw_b64 is not base64") }
        unsigned = bytes
    } else if let described = request.message {
        var message = MailMessage(
            from: try address(described.from, field: "from"), to: try addresses(described.to, field: "to"),
            cc: try addresses(described.cc, field: "cc"), bcc: try addresses(described.bcc, field: "bcc"),
            replyTo: try addresses(described.replyTo, field: "reply_to"), subject: described.subject ?? "",
            textBody: described.text, htmlBody: described.html,
            headers: (described.headers ?? []).map { MailHeader(name: $0.name, value: $0.value) },
            messageID: described.messageId, date: described.date.map { Date(timeIntervalSince1970: $0) } ?? Date())
        for attachment in described.attachments ?? [] {
            guard let content = Base64.decode(attachment.contentB64) else { throw ProbeFailure(message: "content_b64 is not base64") }
            message.attachments.append(
                MailAttachment(filename: attachment.filename, contentType: attachment.contentType ?? "", content: content, contentID: attachment.contentId ?? ""))
        }
        if let unsubscribe = described.listUnsubscribe {
            message.listUnsubscribe = ListUnsubscribe(httpsURL: unsubscribe.httpsUrl ?? "", mailto: unsubscribe.mailto ?? "", oneClick: unsubscribe.oneClick ?? false)
        }
        let built = try MIMEMessageBuilder(maximumSize: request.maximumSize ?? MIMEMessageBuilder.defaultMaximumSize).build(message)
        unsigned = built.data
        answer["message_id"] = built.messageID
        answer["recipients"] = built.recipients
        answer["smtputf8"] = built.requiresSMTPUTF8
        answer["size"] = built.size
    } else {
        throw ProbeFailure(message: "the request needs a message or raw_b64")
    }
    let time = request.dkim.timestamp.map { Date(timeIntervalSince1970: $0) } ?? Date()
    let signed = try signer.sign(unsigned, at: time)
    answer["signed_b64"] = Base64.encode(signed)
    answer["dns_record"] = try key.dnsRecord()
    answer["public_key"] = try key.dnsPublicKey()
    answer["private_key_pem"] = try key.pkcs8PEM()
    return answer
}

let input = FileHandle.standardInput.readDataToEndOfFile()
var answer: [String: Any]
var status: Int32 = 0
do {
    answer = try run(input)
} catch let failure as ProbeFailure {
    answer = ["error": failure.message]
    status = 2
} catch {
    answer = ["error": "\(error)"]
    status = 2
}
let output = try JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys])
FileHandle.standardOutput.write(output + Data("\n".utf8))
exit(status)
