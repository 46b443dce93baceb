internal import Foundation
internal import RelayDomain
internal import struct RelayMail.EmailAddress
internal import struct RelayMail.MIMEMessageBuilder

/// The contract's rules for a send request's parts, each failure naming the field.
enum SendValidation {
    /// The field's path is only built when it is needed, for an error.
    static func address(_ given: MailAddress, field: @autoclosure () -> String) throws(DomainError) -> EmailAddress {
        if given.name.utf8.contains(where: Self.isLineBreak) {
            throw .invalidArgument(field: "\(field()).name", reason: "must not contain CR or LF")
        }
        do {
            return try EmailAddress(address: given.address)
        } catch {
            throw .invalidArgument(field: "\(field()).address", reason: error.explanation)
        }
    }

    private static func isLineBreak(_ byte: UInt8) -> Bool { byte == 0x0D || byte == 0x0A }

    /// The recipient's key: local part lower case, domain lower case in Unicode form.
    static func normalized(_ address: EmailAddress) -> String {
        address.localPart.lowercased() + "@" + address.unicodeDomain.lowercased()
    }

    static func subject(_ subject: String) throws(DomainError) {
        guard !subject.isEmpty else { throw .invalidArgument(field: "subject", reason: "is required") }
        // Characters are never more than bytes: counting them is needed only past 998 bytes.
        guard subject.utf8.count <= 998 || subject.count <= 998 else {
            throw .invalidArgument(field: "subject", reason: "is longer than 998 characters")
        }
        guard !subject.utf8.contains(where: Self.isLineBreak) else {
            throw .invalidArgument(field: "subject", reason: "must not contain CR or LF")
        }
    }

    static func headers(_ headers: [MailHeader]) throws(DomainError) {
        guard headers.count <= 50 else { throw .invalidArgument(field: "headers", reason: "at most 50 headers") }
        for (i, header) in headers.enumerated() {
            let printable = header.name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: ":") }
            guard (1...76).contains(header.name.utf8.count), printable else {
                throw .invalidArgument(field: "headers[\(i)].name", reason: "must be 1 to 76 printable ASCII characters without spaces or ':'")
            }
            let lower = header.name.lowercased()
            // The headers the message builder writes itself.
            guard !MIMEMessageBuilder.reservedHeaders.contains(lower), !lower.hasPrefix("content-") else {
                throw .invalidArgument(field: "headers[\(i)].name", reason: "\(header.name) is written by Relay and cannot be set")
            }
            guard !header.value.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" || $0 == "\0" }) else {
                throw .invalidArgument(field: "headers[\(i)].value", reason: "must not contain CR, LF or NUL")
            }
            guard header.value.utf8.count <= 998 else { throw .invalidArgument(field: "headers[\(i)].value", reason: "is longer than 998 bytes") }
        }
    }

    static func tags(_ tags: [String]) throws(DomainError) {
        guard tags.count <= 10 else { throw .invalidArgument(field: "tags", reason: "at most 10 tags") }
        for (i, tag) in tags.enumerated() {
            let valid = (1...64).contains(tag.utf8.count) && tag.utf8.allSatisfy {
                ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F || $0 == 0x2E
            }
            guard valid else { throw .invalidArgument(field: "tags[\(i)]", reason: "must be 1 to 64 letters, digits, '-', '_' or '.'") }
        }
    }

    static func metadata(_ metadata: [String: String]) throws(DomainError) {
        guard metadata.count <= 20 else { throw .invalidArgument(field: "metadata", reason: "at most 20 entries") }
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            guard (1...64).contains(key.count) else { throw .invalidArgument(field: "metadata", reason: "key \"\(key.prefix(70))\" must be 1 to 64 characters") }
            guard value.count <= 1024 else { throw .invalidArgument(field: "metadata[\(key)]", reason: "is longer than 1,024 characters") }
        }
    }

    static func attachments(_ attachments: [MailAttachment], bodies: Int) throws(DomainError) {
        guard attachments.count <= 100 else { throw .invalidArgument(field: "attachments", reason: "at most 100 attachments") }
        var encoded = bodies * 105 / 100 + 4096
        for (i, attachment) in attachments.enumerated() {
            guard !attachment.filename.isEmpty, !attachment.filename.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\r" || $0 == "\n" }) else {
                throw .invalidArgument(field: "attachments[\(i)].filename", reason: "is required and has no path separators, CR or LF")
            }
            let type = attachment.contentType
            guard type.isEmpty || (type.contains("/") && !type.contains(where: { $0 == "\r" || $0 == "\n" || $0 == ";" })) else {
                throw .invalidArgument(field: "attachments[\(i)].content_type", reason: "must be a MIME type such as application/pdf")
            }
            encoded += (attachment.content.count + 2) / 3 * 4 * 78 / 76 + 512
        }
        guard encoded <= Sending.maxMessageBytes else {
            throw .invalidArgument(field: "attachments", reason: "the encoded message would exceed 25 MiB (about \(encoded / 1_048_576) MiB)")
        }
    }

    static func idempotencyKey(_ key: String) throws(DomainError) {
        guard key.utf8.count <= 255, key.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else {
            throw .invalidArgument(field: "idempotency_key", reason: "must be at most 255 printable ASCII characters")
        }
    }

    static func listUnsubscribe(_ value: ListUnsubscribe?) throws(DomainError) {
        guard let value else { return }
        guard !value.httpsURL.isEmpty || !value.mailto.isEmpty else {
            throw .invalidArgument(field: "list_unsubscribe", reason: "needs https_url, mailto or both")
        }
        if !value.httpsURL.isEmpty {
            guard value.httpsURL.lowercased().hasPrefix("https://"), value.httpsURL.count <= 2048,
                !value.httpsURL.contains(where: { $0 == " " || $0 == "\r" || $0 == "\n" || $0 == ">" || $0 == "<" })
            else {
                throw .invalidArgument(field: "list_unsubscribe.https_url", reason: "must be an https:// URL of at most 2,048 characters")
            }
        }
        if !value.mailto.isEmpty {
            guard !value.mailto.contains(where: { $0 == " " || $0 == "\r" || $0 == "\n" || $0 == ">" || $0 == "<" }) else {
                throw .invalidArgument(field: "list_unsubscribe.mailto", reason: "must be a mailto: URI or an address")
            }
        }
        if value.oneClick && value.httpsURL.isEmpty {
            throw .invalidArgument(field: "list_unsubscribe.one_click", reason: "needs https_url")
        }
    }
}
