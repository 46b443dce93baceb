internal import RelayCrypto
internal import RelayDomain

/// One part of a message body: a leaf with its headers and encoded bytes, or a multipart.
indirect enum MIMEPart {
    /// A leaf: its `Content-*` header fields (folded, CRLF-ended), its encoded body, and
    /// whether that body is 7bit text (the only encoding that could contain a boundary).
    case leaf(headers: String, body: [UInt8], sevenBit: Bool)
    /// A multipart of `subtype` with an extra parameter (`type="text/html";`) before the boundary.
    case multipart(subtype: String, extra: String?, parts: [MIMEPart])

    /// A text part (`text/plain` or `text/html`, UTF-8): 7bit when it is short-lined ASCII,
    /// quoted-printable otherwise.
    static func text(_ text: String, subtype: String) -> MIMEPart {
        let lines = TextBody.crlfLines(text)
        let sevenBit = TextBody.fitsSevenBit(lines)
        let headers = "Content-Type: text/\(subtype); charset=utf-8\r\n"
            + "Content-Transfer-Encoding: \(sevenBit ? "7bit" : "quoted-printable")\r\n"
        return .leaf(headers: headers, body: sevenBit ? lines : TextBody.quotedPrintable(lines), sevenBit: sevenBit)
    }

    /// An attachment in base64 (76-character lines); with a content id and `inline`, an inline part.
    static func attachment(_ attachment: MailAttachment, index: Int, inline: Bool) throws(MailError) -> MIMEPart {
        let field = "attachments[\(index)]"
        let filename = attachment.filename
        guard !filename.isEmpty, filename.count <= 255 else {
            throw .invalidField(field: "\(field).filename", reason: "a file name is 1 to 255 characters")
        }
        for scalar in filename.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "/" || scalar == "\\" {
            throw .invalidField(field: "\(field).filename", reason: "a file name cannot contain control characters or path separators")
        }
        let contentType = try Self.contentType(attachment.contentType, field: "\(field).content_type")
        var contentID: String?
        if case var id = attachment.contentID, !id.isEmpty {
            if id.hasPrefix("<") && id.hasSuffix(">") && id.count >= 2 { id = String(id.dropFirst().dropLast()) }
            guard !id.isEmpty, id.utf8.count <= 250,
                id.utf8.allSatisfy({ (0x21...0x7E).contains($0) && !"<>\"\\()[],;:".utf8.contains($0) })
            else {
                throw .invalidField(field: "\(field).content_id", reason: "a Content-ID is printable ASCII without spaces, brackets or quotes")
            }
            contentID = id
        }
        let isInline = inline && contentID != nil
        var headers = try MIMEMessageBuilder.field("Content-Type") { writer in
            writer.append(contentType + ";")
            HeaderText.appendParameter("name", filename, to: &writer)
        }
        headers += try MIMEMessageBuilder.field("Content-Disposition") { writer in
            writer.append(isInline ? "inline;" : "attachment;")
            HeaderText.appendParameter("filename", filename, to: &writer)
        }
        headers += "Content-Transfer-Encoding: base64\r\n"
        if let contentID { headers += "Content-ID: <\(contentID)>\r\n" }
        var body = Base64.encodedBytes(attachment.content, lineLength: 76)
        if body.count >= 2 { body.removeLast(2) }
        return .leaf(headers: headers, body: body, sevenBit: false)
    }

    /// `type/subtype` in lower case; empty means `application/octet-stream`.
    private static func contentType(_ given: String, field: String) throws(MailError) -> String {
        if given.isEmpty { return "application/octet-stream" }
        let tspecials = Array("()<>@,;:\\\"/[]?=".utf8)
        let parts = given.lowercased().split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2,
            parts.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 127 && $0.utf8.allSatisfy { (0x21...0x7E).contains($0) && !tspecials.contains($0) } })
        else {
            throw .invalidField(field: field, reason: "a MIME type is type/subtype, such as application/pdf, without parameters")
        }
        guard parts[0] != "multipart", parts[0] != "message" else {
            throw .invalidField(field: field, reason: "\(parts[0])/* cannot be attached as a file; use application/octet-stream")
        }
        return parts.joined(separator: "/")
    }

    /// Writes the part: as the message body (`asMessage`: its headers join the message's, and
    /// the bytes end with CRLF), or inside a multipart (no CRLF after the body: the next
    /// delimiter's CRLF follows).
    func write(to data: inout [UInt8], asMessage: Bool) {
        switch self {
        case .leaf(let headers, let body, _):
            data += Array(headers.utf8)
            data += [0x0D, 0x0A]
            data += body
            if asMessage, !body.suffix(2).elementsEqual([0x0D, 0x0A]) { data += [0x0D, 0x0A] }
        case .multipart(let subtype, let extra, let parts):
            let boundary = makeBoundary()
            data += Array("Content-Type: multipart/\(subtype);\r\n".utf8)
            if let extra { data += Array(" \(extra)\r\n".utf8) }
            data += Array(" boundary=\"\(boundary)\"\r\n\r\n".utf8)
            let delimiter = Array("--\(boundary)".utf8)
            for part in parts {
                data += delimiter
                data += [0x0D, 0x0A]
                part.write(to: &data, asMessage: false)
                data += [0x0D, 0x0A]
            }
            data += delimiter
            data += Array("--".utf8)
            if asMessage { data += [0x0D, 0x0A] }
        }
    }

    /// A random boundary that no part below contains. It starts with `=_`, which neither
    /// quoted-printable (where `=` is followed by hex digits or a line break) nor base64 can
    /// produce, so only 7bit text is searched.
    private func makeBoundary() -> String {
        while true {
            let boundary = "=_rly_" + Base32.lowercase(SecureRandom.bytes(15))
            let pattern = Array(boundary.utf8)
            if !sevenBitBodies.contains(where: { $0.containsSequence(pattern) }) { return boundary }
        }
    }

    private var sevenBitBodies: [[UInt8]] {
        switch self {
        case .leaf(_, let body, let sevenBit): sevenBit ? [body] : []
        case .multipart(_, _, let parts): parts.flatMap(\.sevenBitBodies)
        }
    }
}

extension Array where Element == UInt8 {
    /// Whether `pattern` occurs in the array.
    func containsSequence(_ pattern: [UInt8]) -> Bool {
        guard let first = pattern.first, pattern.count <= count else { return pattern.isEmpty }
        var index = 0
        while index <= count - pattern.count {
            if self[index] == first, self[index..<index + pattern.count].elementsEqual(pattern) { return true }
            index += 1
        }
        return false
    }
}
