import Foundation
import RelayCrypto
import RelayDomain
@testable import RelayMail
import Testing

@Suite struct DKIMTests {
    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func theRFC6376CanonicalizationExample() {
        // RFC 6376 §3.4.5.
        let message = bytes("A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n")
        let (fields, bodyStart) = DKIMCanonicalization.split(message)
        #expect(fields.count == 2)
        let headers = fields.flatMap { DKIMCanonicalization.relaxedHeader(name: $0.name, value: $0.value) }
        #expect(headers == bytes("a:X\r\nb:Y Z\r\n"))
        #expect(DKIMCanonicalization.relaxedBody(message[bodyStart...]) == bytes(" C\r\nD E\r\n"))
    }

    @Test func relaxedBodyEdgeCases() {
        #expect(DKIMCanonicalization.relaxedBody([UInt8]()) == [])
        #expect(DKIMCanonicalization.relaxedBody(bytes("\r\n\r\n")) == [])
        #expect(DKIMCanonicalization.relaxedBody(bytes("  \t\r\n")) == [])
        #expect(DKIMCanonicalization.relaxedBody(bytes("no final line break")) == bytes("no final line break\r\n"))
        #expect(DKIMCanonicalization.relaxedBody(bytes("a\r\n\r\nb  \r\n \r\n")) == bytes("a\r\n\r\nb\r\n"))
        #expect(DKIMCanonicalization.relaxedBody(bytes("\tx\t\ty \r\n")) == bytes(" x y\r\n"))
    }

    /// RFC 8463 Appendix A.3, without its two signature fields.
    static let rfc8463Message = "From: Joe SixPack <joe@football.example.com>\r\n"
        + "To: Suzie Q <suzie@shopping.example.net>\r\n"
        + "Subject: Is dinner ready?\r\n"
        + "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
        + "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n"
        + "\r\n"
        + "Hi.\r\n"
        + "\r\n"
        + "We lost the game.  Are you hungry yet?\r\n"
        + "\r\n"
        + "Joe.\r\n"
        + "\r\n"

    @Test func theRFC8463Ed25519ExampleIsReproducedExactly() throws {
        let message = bytes(Self.rfc8463Message)
        let (fields, bodyStart) = DKIMCanonicalization.split(message)
        let bodyHash = SHA256.hash(DKIMCanonicalization.relaxedBody(message[bodyStart...]))
        #expect(RelayCrypto.base64Encoded(bodyHash) == "2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=")

        // h=from : to : subject : date : message-id : from : subject : date (the last three absent).
        var input: [UInt8] = []
        for name in ["from", "to", "subject", "date", "message-id"] {
            let field = try #require(fields.last { String(decoding: $0.name, as: UTF8.self).lowercased() == name })
            input += DKIMCanonicalization.relaxedHeader(name: field.name, value: field.value)
        }
        let signatureValue = " v=1; a=ed25519-sha256; c=relaxed/relaxed;\r\n d=football.example.com; i=@football.example.com;\r\n"
            + " q=dns/txt; s=brisbane; t=1528637909; h=from : to :\r\n subject : date : message-id : from : subject : date;\r\n"
            + " bh=2jUSOH9NhtVGCQWNr9BrIAPreKQjO6Sn7XIkfJVOzv8=;\r\n b="
        var own = DKIMCanonicalization.relaxedHeader(name: bytes("DKIM-Signature"), value: bytes(signatureValue))
        own.removeLast(2)
        let key = try DKIMKeyPair(ed25519PrivateKey: try #require(Base64.decode("nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=")))
        #expect(try key.dnsPublicKey() == "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=")
        let signature = try key.sign(input + own)
        #expect(RelayCrypto.base64Encoded(signature) == "/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11BusFa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==")
    }

    /// Checks `signed` the way a verifier does, independently of the signer's code paths: takes
    /// the first field apart, rebuilds the signed data from its `h=` and `b=`-less text.
    func verify(_ signed: [UInt8], key: DKIMKeyPair) throws -> Bool {
        let (fields, bodyStart) = DKIMCanonicalization.split(signed)
        let signatureField = try #require(fields.first)
        #expect(String(decoding: signatureField.name, as: UTF8.self) == "DKIM-Signature")
        let value = String(decoding: signatureField.value, as: UTF8.self)
        let unfolded = value.replacingOccurrences(of: "\r\n", with: "")
        var tags: [String: String] = [:]
        for tag in unfolded.split(separator: ";") {
            let parts = tag.split(separator: "=", maxSplits: 1)
            tags[parts[0].trimmingCharacters(in: .whitespaces)] = parts[1].filter { !$0.isWhitespace }
        }
        let bodyHash = RelayCrypto.base64Encoded(SHA256.hash(DKIMCanonicalization.relaxedBody(signed[bodyStart...])))
        guard tags["bh"] == bodyHash, tags["c"] == "relaxed/relaxed", let h = tags["h"], let b = tags["b"] else { return false }
        var used: [String: Int] = [:]
        var input: [UInt8] = []
        let rest = Array(fields.dropFirst())
        for name in h.split(separator: ":").map({ $0.lowercased() }) {
            let matching = rest.filter { String(decoding: $0.name, as: UTF8.self).lowercased() == name }
            let n = used[name, default: 0]
            used[name] = n + 1
            guard n < matching.count else { continue }
            let field = matching[matching.count - 1 - n]
            input += DKIMCanonicalization.relaxedHeader(name: field.name, value: field.value)
        }
        let bStart = try #require(value.range(of: "b=", options: .backwards))
        var own = DKIMCanonicalization.relaxedHeader(name: signatureField.name, value: bytes(String(value[..<bStart.upperBound])))
        own.removeLast(2)
        return key.verify(try #require(Base64.decode(b)), of: input + own)
    }

    @Test(arguments: DKIMKeyAlgorithm.allCases)
    func aBuiltMessageIsSignedVerifiablyAndTamperingBreaksIt(algorithm: DKIMKeyAlgorithm) throws {
        let key = try DKIMKeyPair.generate(algorithm)
        var mail = MailMessage(
            from: try EmailAddress(parsing: "Zoë <zoe@example.com>"), to: [try EmailAddress(parsing: "ada@example.org")],
            subject: "Grüße", textBody: "Hello  there \nsecond line\n\n\n", htmlBody: "<p>Hi</p>")
        mail.listUnsubscribe = ListUnsubscribe(httpsURL: "https://example.com/u", oneClick: true)
        let built = try MIMEMessageBuilder().build(mail)
        let signer = try DKIMSigner(domain: "Example.com", selector: "rly2024", key: key)
        let signed = try signer.sign(built.data, at: Date(timeIntervalSince1970: 1_700_000_000))
        let field = String(decoding: signed.prefix(signed.count - built.data.count), as: UTF8.self)
        #expect(field.hasPrefix("DKIM-Signature: v=1; a=\(algorithm.signatureAlgorithm); c=relaxed/relaxed; d=example.com;"))
        #expect(field.contains("s=rly2024;") && field.contains("t=1700000000;"))
        #expect(field.components(separatedBy: "\r\n").dropLast().allSatisfy { $0.utf8.count <= 78 })
        let h = field.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "h=")[1].components(separatedBy: ";")[0]
        #expect(h == "From:From:To:To:Cc:Subject:Subject:Date:Date:Message-ID:Message-ID:Reply-To:MIME-Version:MIME-Version:Content-Type:Content-Type:List-Unsubscribe:List-Unsubscribe:List-Unsubscribe-Post:List-Unsubscribe-Post")
        #expect(try verify(signed, key: key))

        var tamperedBody = signed
        tamperedBody[tamperedBody.count - 10] ^= 0x01
        #expect(try !verify(tamperedBody, key: key))
        let tamperedSubject = String(decoding: signed, as: UTF8.self).replacingOccurrences(of: "Subject: ", with: "Subject: x")
        #expect(try !verify(bytes(tamperedSubject), key: key))
        #expect(try !verify(signed, key: try DKIMKeyPair.generate(algorithm)))
    }

    @Test func signingNeedsAFromHeaderAndAValidDomainAndSelector() throws {
        let key = try DKIMKeyPair.generate(.ed25519)
        let signer = try DKIMSigner(domain: "example.com", selector: "s1", key: key)
        #expect(throws: MailError.invalidHeader(name: "From", reason: "a message to sign needs a From header")) {
            try signer.sign(bytes("To: a@example.com\r\n\r\nbody\r\n"))
        }
        #expect(throws: MailError.self) { try DKIMSigner(domain: "example", selector: "s1", key: key) }
        #expect(throws: MailError.self) { try DKIMSigner(domain: "example.com", selector: "bad_selector", key: key) }
        #expect(throws: MailError.self) { try DKIMSigner(domain: "example.com", selector: "s1", key: key, signedHeaders: ["Subject"]) }
        #expect(try DKIMSigner(domain: "bücher.example", selector: "s1", key: key).domain == "xn--bcher-kva.example")
    }
}
