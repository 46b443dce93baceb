internal import RelayCrypto
internal import RelayDomain

/// Builds the MIME bytes of a ``MailMessage``: CRLF lines, folded headers with RFC 2047
/// encoded words, `multipart/alternative` for text and HTML, `multipart/related` for inline
/// images, `multipart/mixed` for attachments; text in 7bit or quoted-printable, files in base64.
/// Bcc recipients are envelope recipients only.
public struct MIMEMessageBuilder: Sendable {
    /// The default limit of an encoded message: 25 MiB.
    public static let defaultMaximumSize = 25 * 1024 * 1024
    /// The most custom headers a message may have.
    public static let maximumCustomHeaders = 50
    /// Header names the builder writes itself and a caller cannot set (lower-case).
    public static let reservedHeaders: Set<String> = [
        "from", "to", "cc", "bcc", "reply-to", "subject", "date", "message-id", "mime-version", "dkim-signature",
        "list-unsubscribe", "list-unsubscribe-post", "return-path", "sender",
    ]

    /// The largest encoded message accepted, in bytes.
    public var maximumSize: Int

    /// A builder refusing messages larger than `maximumSize` bytes once encoded.
    public init(maximumSize: Int = Self.defaultMaximumSize) {
        self.maximumSize = maximumSize
    }

    /// The message's bytes; throws ``MailError`` for anything that cannot be written.
    public func build(_ message: MailMessage) throws(MailError) -> BuiltMessage {
        let text = message.textBody.flatMap { $0.isEmpty ? nil : $0 }
        let html = message.htmlBody.flatMap { $0.isEmpty ? nil : $0 }
        guard text != nil || html != nil else {
            throw .invalidField(field: "content", reason: "a message needs a text body, an HTML body or both")
        }
        let recipients = Self.envelopeRecipients(message)
        guard !recipients.isEmpty else {
            throw .invalidField(field: "to", reason: "a message needs at least one recipient (to, cc or bcc)")
        }
        // A lower bound of the encoded size (base64 without line breaks, text as is): refuses
        // what cannot fit before any encoding work, never what could.
        let estimate = message.attachments.reduce(0) { $0 + ($1.content.count + 2) / 3 * 4 }
            + (text?.utf8.count ?? 0) + (html?.utf8.count ?? 0)
        guard estimate <= maximumSize else { throw .tooLarge(size: estimate, limit: maximumSize) }

        var data = Array(try Self.messageHeaders(message).utf8)
        let messageID = try Self.messageID(message)
        data += Array(try Self.field("Message-ID") { $0.append("<\(messageID)>") }.utf8)
        if let unsubscribe = message.listUnsubscribe { data += Array(try Self.listUnsubscribeHeaders(unsubscribe).utf8) }
        data += Array("MIME-Version: 1.0\r\n".utf8)
        data += Array(try Self.customHeaders(message.headers).utf8)

        let root = try Self.bodyTree(text: text, html: html, attachments: message.attachments)
        root.write(to: &data, asMessage: true)
        guard data.count <= maximumSize else { throw .tooLarge(size: data.count, limit: maximumSize) }

        let everyone = [message.from] + message.to + message.cc + message.bcc + message.replyTo
        return BuiltMessage(
            data: data, messageID: messageID, recipients: recipients,
            requiresSMTPUTF8: everyone.contains { $0.requiresSMTPUTF8 })
    }

    /// To, Cc, then Bcc addresses, each once (compared without case), the first kept.
    static func envelopeRecipients(_ message: MailMessage) -> [String] {
        var seen: Set<String> = []
        var recipients: [String] = []
        for address in message.to + message.cc + message.bcc where seen.insert(address.address.lowercased()).inserted {
            recipients.append(address.address)
        }
        return recipients
    }

    /// One folded header field written by `body`.
    static func field(_ name: String, _ body: (inout HeaderFieldWriter) throws(MailError) -> Void) throws(MailError) -> String {
        var writer = HeaderFieldWriter(name: name)
        try body(&writer)
        return try writer.finish()
    }

    /// Date, From, Reply-To, Subject, To and Cc.
    private static func messageHeaders(_ message: MailMessage) throws(MailError) -> String {
        try HeaderText.checkSingleLine(message.subject, header: "Subject")
        guard message.subject.count <= 998 else {
            throw .invalidField(field: "subject", reason: "the subject is \(message.subject.count) characters; the limit is 998")
        }
        var headers = "Date: \(RFC5322Date.format(message.date))\r\n"
        headers += try field("From") { HeaderText.appendMailboxes([message.from], to: &$0) }
        if !message.replyTo.isEmpty { headers += try field("Reply-To") { HeaderText.appendMailboxes(message.replyTo, to: &$0) } }
        headers += try field("Subject") { HeaderText.appendUnstructured(message.subject, to: &$0) }
        if !message.to.isEmpty {
            headers += try field("To") { HeaderText.appendMailboxes(message.to, to: &$0) }
        } else if message.cc.isEmpty {
            headers += "To: undisclosed-recipients:;\r\n"
        }
        if !message.cc.isEmpty { headers += try field("Cc") { HeaderText.appendMailboxes(message.cc, to: &$0) } }
        return headers
    }

    /// The given Message-ID, checked, or `random@from-domain`.
    private static func messageID(_ message: MailMessage) throws(MailError) -> String {
        guard var given = message.messageID, !given.isEmpty else {
            let random = SecureRandom.bytes(15)
            return Base32.lowercase(random) + "@" + message.from.domain
        }
        if given.hasPrefix("<") && given.hasSuffix(">") && given.count >= 2 { given = String(given.dropFirst().dropLast()) }
        let parts = given.split(separator: "@", omittingEmptySubsequences: false)
        guard given.utf8.count <= 250, parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
            given.utf8.allSatisfy({ (0x21...0x7E).contains($0) && !"<>\"\\()[],;:".utf8.contains($0) })
        else {
            throw .invalidField(
                field: "message_id",
                reason: "a Message-ID is left@right in printable ASCII without spaces, brackets or quotes, at most 250 characters")
        }
        return given
    }

    private static func listUnsubscribeHeaders(_ options: ListUnsubscribe) throws(MailError) -> String {
        var uris: [String] = []
        func isPlainURI(_ text: String) -> Bool {
            text.utf8.allSatisfy { (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") }
        }
        if case let url = options.httpsURL, !url.isEmpty {
            guard url.lowercased().hasPrefix("https://"), url.count > 8, isPlainURI(url) else {
                throw .invalidField(field: "list_unsubscribe.https_url", reason: "an https:// URL without spaces or angle brackets is needed")
            }
            uris.append(url)
        }
        if case let mailto = options.mailto, !mailto.isEmpty {
            if mailto.lowercased().hasPrefix("mailto:") {
                guard isPlainURI(mailto), mailto.count > 7 else {
                    throw .invalidField(field: "list_unsubscribe.mailto", reason: "a mailto: URI cannot have spaces, angle brackets or non-ASCII text")
                }
                uris.append(mailto)
            } else {
                let address: EmailAddress
                do { address = try EmailAddress(address: mailto) } catch { throw .invalidAddress(field: "list_unsubscribe.mailto", error) }
                guard !address.requiresSMTPUTF8 else {
                    throw .invalidField(field: "list_unsubscribe.mailto", reason: "the unsubscribe address must be ASCII")
                }
                uris.append("mailto:" + address.address)
            }
        }
        guard !uris.isEmpty else {
            throw .invalidField(field: "list_unsubscribe", reason: "an https_url, a mailto or both are needed")
        }
        if options.oneClick && options.httpsURL.isEmpty {
            throw .invalidField(field: "list_unsubscribe.one_click", reason: "one-click unsubscription needs an https_url")
        }
        var headers = try field("List-Unsubscribe") { writer in
            for (index, uri) in uris.enumerated() { writer.append("<\(uri)>" + (index < uris.count - 1 ? "," : "")) }
        }
        if options.oneClick { headers += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n" }
        return headers
    }

    private static func customHeaders(_ headers: [MailHeader]) throws(MailError) -> String {
        guard headers.count <= maximumCustomHeaders else {
            throw .invalidField(field: "headers", reason: "\(headers.count) headers; the limit is \(maximumCustomHeaders)")
        }
        var text = ""
        for header in headers {
            let name = header.name
            guard !name.isEmpty, name.utf8.count <= 76, name.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: ":") }) else {
                throw .invalidHeader(name: name, reason: "a header name is 1 to 76 printable ASCII characters without a colon")
            }
            let lower = name.lowercased()
            guard !reservedHeaders.contains(lower), !lower.hasPrefix("content-") else {
                throw .invalidHeader(name: name, reason: "Relay writes this header itself; it cannot be set")
            }
            try HeaderText.checkSingleLine(header.value, header: name)
            text += try field(name) { HeaderText.appendUnstructured(header.value, to: &$0) }
        }
        return text
    }

    /// The body: text and HTML as alternatives, inline images related to the HTML, attachments
    /// mixed in.
    private static func bodyTree(text: String?, html: String?, attachments: [MailAttachment]) throws(MailError) -> MIMEPart {
        let textPart = text.map { MIMEPart.text($0, subtype: "plain") }
        var htmlPart = html.map { MIMEPart.text($0, subtype: "html") }
        var inline: [MIMEPart] = []
        var attached: [MIMEPart] = []
        for (index, attachment) in attachments.enumerated() {
            let part = try MIMEPart.attachment(attachment, index: index, inline: html != nil)
            if !attachment.contentID.isEmpty && html != nil { inline.append(part) } else { attached.append(part) }
        }
        if let html = htmlPart, !inline.isEmpty {
            htmlPart = .multipart(subtype: "related", extra: "type=\"text/html\";", parts: [html] + inline)
        }
        var content: MIMEPart
        if let textPart, let htmlPart {
            content = .multipart(subtype: "alternative", extra: nil, parts: [textPart, htmlPart])
        } else {
            content = (textPart ?? htmlPart)!
        }
        if !attached.isEmpty { content = .multipart(subtype: "mixed", extra: nil, parts: [content] + attached) }
        return content
    }
}

/// Lower-case RFC 4648 base32 without padding (for generated ids).
enum Base32 {
    static func lowercase(_ bytes: [UInt8]) -> String {
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz234567".utf8)
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = buffer << 8 | UInt32(byte)
            bits += 8
            while bits >= 5 {
                out.append(alphabet[Int(buffer >> UInt32(bits - 5) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { out.append(alphabet[Int(buffer << UInt32(5 - bits) & 31)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
