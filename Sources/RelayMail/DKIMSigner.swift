public import Foundation
public import RelayCrypto

/// Signs messages with DKIM (RFC 6376): relaxed/relaxed canonicalization, `rsa-sha256` or
/// `ed25519-sha256` (RFC 8463), and prepends the folded `DKIM-Signature` field.
public struct DKIMSigner: Sendable {
    /// The header fields signed when present, in this order (From is required).
    public static let defaultSignedHeaders = [
        "From", "To", "Cc", "Subject", "Date", "Message-ID", "Reply-To", "MIME-Version", "Content-Type",
        "List-Unsubscribe", "List-Unsubscribe-Post",
    ]

    /// The signing domain (`d=`), in its ASCII form.
    public let domain: String
    /// The selector (`s=`): the key's record is at `<selector>._domainkey.<domain>`.
    public let selector: String
    /// The private key.
    public let key: DKIMKeyPair
    /// The header fields to sign when present.
    public var signedHeaders: [String]
    /// Whether each signed name is listed once more than it occurs, so that a field of that
    /// name added in transit breaks the signature (over-signing, RFC 6376 §8.15).
    public var overSign: Bool

    /// A signer for `domain` (Unicode labels are converted to A-labels) and `selector`.
    public init(domain: String, selector: String, key: DKIMKeyPair, signedHeaders: [String] = Self.defaultSignedHeaders, overSign: Bool = true)
        throws(MailError)
    {
        do {
            (self.domain, _) = try AddrSpec.domain(domain, input: domain)
        } catch {
            throw .invalidField(field: "domain", reason: error.explanation)
        }
        let labels = selector.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        guard !selector.isEmpty, selector.utf8.count <= 63,
            labels.allSatisfy({ label in
                !label.isEmpty && label.first != "-" && label.last != "-"
                    && label.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            })
        else {
            throw .invalidField(field: "selector", reason: "a selector is letters, digits and hyphens in dot-separated labels")
        }
        guard signedHeaders.contains(where: { $0.lowercased() == "from" }) else {
            throw .invalidField(field: "signed_headers", reason: "From must be signed")
        }
        self.selector = selector
        self.key = key
        self.signedHeaders = signedHeaders
        self.overSign = overSign
    }

    /// `message` with a `DKIM-Signature` field prepended, timestamped `time` (`t=`).
    public func sign(_ message: [UInt8], at time: Date = Date()) throws(MailError) -> [UInt8] {
        Array(try signatureField(for: message, at: time).utf8) + message
    }

    /// The `DKIM-Signature` field for `message` (folded, ending in CRLF).
    public func signatureField(for message: [UInt8], at time: Date = Date()) throws(MailError) -> String {
        let (fields, bodyStart) = DKIMCanonicalization.split(message)
        let bodyHash = SHA256.hash(DKIMCanonicalization.relaxedBody(message[bodyStart...]))

        // h=: each configured name once per occurrence (matched from the bottom up), plus once
        // more when over-signing.
        var names: [String] = []
        var headerInput: [UInt8] = []
        for name in signedHeaders {
            let lower = Array(name.lowercased().utf8)
            let matching = fields.filter { Self.lowercased($0.name) == lower }
            if matching.isEmpty && !overSign { continue }
            for field in matching.reversed() {
                names.append(name)
                headerInput += DKIMCanonicalization.relaxedHeader(name: field.name, value: field.value)
            }
            if overSign { names.append(name) }
        }
        guard fields.contains(where: { Self.lowercased($0.name) == Array("from".utf8) }) else {
            throw .invalidHeader(name: "From", reason: "a message to sign needs a From header")
        }

        var writer = HeaderFieldWriter(name: "DKIM-Signature")
        for tag in [
            "v=1;", "a=\(key.algorithm.signatureAlgorithm);", "c=relaxed/relaxed;", "d=\(domain);", "s=\(selector);",
            "t=\(Int64(time.timeIntervalSince1970.rounded(.down)));",
        ] {
            writer.append(tag)
        }
        for (index, name) in names.enumerated() {
            let piece = (index == 0 ? "h=" : ":") + name + (index == names.count - 1 ? ";" : "")
            writer.append(piece, joined: index > 0)
        }
        writer.append("bh=\(RelayCrypto.base64Encoded(bodyHash));")
        writer.append("b=")
        let unsigned = try writer.finish()

        // The field signs itself with b= empty, relaxed and without its CRLF (RFC 6376 §3.7).
        let colon = unsigned.firstIndex(of: ":")!
        var ownField = DKIMCanonicalization.relaxedHeader(
            name: Array("DKIM-Signature".utf8), value: Array(unsigned[unsigned.index(after: colon)...].utf8.dropLast(2)))
        ownField.removeLast(2)
        let signature: [UInt8]
        do {
            signature = try key.sign(headerInput + ownField)
        } catch {
            throw .signing(error.description)
        }
        var encoded = Substring(RelayCrypto.base64Encoded(signature))
        while !encoded.isEmpty {
            let room = max(writer.remainingOnLine + 1, 8)
            writer.append(String(encoded.prefix(room)), joined: true)
            encoded = encoded.dropFirst(room)
        }
        return try writer.finish()
    }

    private static func lowercased(_ name: [UInt8]) -> [UInt8] {
        var trimmed = name[...]
        while let last = trimmed.last, last == 0x20 || last == 0x09 { trimmed = trimmed.dropLast() }
        return trimmed.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
    }
}
