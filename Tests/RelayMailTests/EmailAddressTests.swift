import Foundation
import RelayDomain
@testable import RelayMail
import Testing

@Suite struct EmailAddressTests {
    /// Input, the address as written on the wire, the display name, whether SMTPUTF8 is needed.
    static let accepted: [(String, String, String?, Bool)] = [
        ("ada@example.com", "ada@example.com", nil, false),
        ("  Ada.Lovelace+tag@Example.COM ", "Ada.Lovelace+tag@example.com", nil, false),
        ("Ada Lovelace <ada@example.com>", "ada@example.com", "Ada Lovelace", false),
        ("\"Lovelace, Ada\" <ada@example.com>", "ada@example.com", "Lovelace, Ada", false),
        ("\"Ada \\\"the Countess\\\"\" <ada@example.com>", "ada@example.com", "Ada \"the Countess\"", false),
        ("<ada@example.com>", "ada@example.com", nil, false),
        ("José Ñúñez <jose@example.es>", "jose@example.es", "José Ñúñez", false),
        ("!#$%&'*+-/=?^_`{|}~@example.com", "!#$%&'*+-/=?^_`{|}~@example.com", nil, false),
        ("\"john doe\"@example.com", "\"john doe\"@example.com", nil, false),
        ("\"a@b\"@example.com", "\"a@b\"@example.com", nil, false),
        ("\"plain\"@example.com", "plain@example.com", nil, false),
        ("\"back\\\\slash\"@example.com", "\"back\\\\slash\"@example.com", nil, false),
        ("user@bücher.example", "user@xn--bcher-kva.example", nil, false),
        ("user@MÜNCHEN.de", "user@xn--mnchen-3ya.de", nil, false),
        ("用户@例子.广告", "用户@xn--fsqu00a.xn--4rr70v", nil, true),
        ("почта@пример.рф", "почта@xn--e1afmkfd.xn--p1ai", nil, true),
        ("ada@sub.domain.example.co.uk", "ada@sub.domain.example.co.uk", nil, false),
        ("ada@xn--bcher-kva.example", "ada@xn--bcher-kva.example", nil, false),
        ("ada@例子。广告", "ada@xn--fsqu00a.xn--4rr70v", nil, false),
        (String(repeating: "a", count: 64) + "@example.com", String(repeating: "a", count: 64) + "@example.com", nil, false),
    ]

    @Test(arguments: accepted)
    func acceptsValidAddresses(input: String, address: String, name: String?, smtputf8: Bool) throws {
        let parsed = try EmailAddress(parsing: input)
        #expect(parsed.address == address)
        #expect(parsed.displayName == name)
        #expect(parsed.requiresSMTPUTF8 == smtputf8)
    }

    static let rejected: [(String, EmailAddressError.Reason)] = [
        ("", .empty),
        ("   ", .empty),
        ("ada.example.com", .missingAt),
        ("@example.com", .emptyLocalPart),
        ("ada@", .emptyDomain),
        ("ada@example.com\r\nBcc: victim@example.org", .forbiddenCharacter("\r")),
        ("ada@exam\nple.com", .forbiddenCharacter("\n")),
        ("ada\0@example.com", .forbiddenCharacter("\0")),
        (String(repeating: "a", count: 65) + "@example.com", .localPartTooLong(octets: 65)),
        (String(repeating: "é", count: 33) + "@example.com", .localPartTooLong(octets: 66)),
        (".ada@example.com", .invalidLocalPart("it cannot start or end with a dot")),
        ("ada.@example.com", .invalidLocalPart("it cannot start or end with a dot")),
        ("ada..lovelace@example.com", .invalidLocalPart("it cannot have two dots in a row")),
        ("ada lovelace@example.com", .invalidLocalPart("the character \" \" needs the local part in quotes")),
        ("ada@lovelace@example.com", .invalidLocalPart("it has more than one @; quote the local part if it really contains one")),
        ("\"unterminated@example.com", .invalidLocalPart("the quoted local part has no closing quote")),
        ("ada@[192.0.2.1]", .addressLiteral),
        ("ada@localhost", .singleLabelDomain),
        ("ada@example..com", .emptyLabel),
        ("ada@.example.com", .emptyLabel),
        ("ada@example.com.", .emptyLabel),
        ("ada@-example.com", .invalidLabel(label: "-example", detail: "it cannot start or end with a hyphen")),
        ("ada@exa_mple.com", .invalidLabel(label: "exa_mple", detail: "\"_\" is not a letter, digit or hyphen")),
        ("ada@ab--cd.com", .invalidLabel(label: "ab--cd", detail: "hyphens in the third and fourth positions are reserved")),
        ("ada@☃.com", .invalidLabel(label: "☃", detail: "U+2603 is not a letter, mark or digit")),
        ("ada@" + String(repeating: "a", count: 64) + ".com", .labelTooLong(label: String(repeating: "a", count: 64), octets: 64)),
        ("ada@" + String(repeating: "ü", count: 60) + ".com", .labelTooLong(label: String(repeating: "ü", count: 60), octets: 66)),
        ("ada@192.0.2.1", .numericTopLevelDomain),
        ("ada@" + Array(repeating: String(repeating: "a", count: 63), count: 4).joined(separator: ".") + ".com", .domainTooLong(octets: 259)),
        ("Ada <ada@example.com", .malformedMailbox("the address after \"<\" has no closing \">\"")),
        ("\"Ada <ada@example.com>", .malformedMailbox("the quoted display name has no closing quote")),
        ("\"Ada\" ada@example.com>", .malformedMailbox("write the address in angle brackets after the name: \"Name\" <local@domain>")),
        ("Ada <<ada@example.com>>", .malformedMailbox("more than one pair of angle brackets")),
        ("Ada <bad@@example.com>", .invalidLocalPart("it has more than one @; quote the local part if it really contains one")),
    ]

    @Test(arguments: rejected)
    func rejectsInvalidAddressesWithAReason(input: String, reason: EmailAddressError.Reason) {
        #expect(throws: EmailAddressError(input, reason)) { try EmailAddress(parsing: input) }
    }

    @Test func theAPIFormTakesTheNameApartAndRefusesLineBreaksInIt() throws {
        let address = try EmailAddress(address: "ada@example.com", displayName: "  Ada  ")
        #expect(address.displayName == "Ada" && address.address == "ada@example.com")
        #expect(try EmailAddress(address: "ada@example.com", displayName: "").displayName == nil)
        #expect(throws: EmailAddressError("Ada\r\nBcc: x@y.z", .forbiddenCharacter("\r"))) {
            try EmailAddress(address: "ada@example.com", displayName: "Ada\r\nBcc: x@y.z")
        }
        #expect(throws: EmailAddressError("Ada <ada@example.com>", .invalidLocalPart("the character \" \" needs the local part in quotes"))) {
            try EmailAddress(address: "Ada <ada@example.com>")
        }
    }

    @Test func errorsReadAsSentencesForTheUser() {
        let error = EmailAddressError("ada@localhost", .singleLabelDomain)
        #expect(error.description == "\"ada@localhost\" is not a valid email address: the domain needs at least one dot, such as example.com")
        #expect(EmailAddressError("x", .forbiddenCharacter("\r")).explanation.contains("U+000D"))
    }
}

/// The byte-level fast path agrees with the full parser on every input it takes.
@Suite struct PlainASCIIAddressTests {
    @Test func takesTheCommonShapesAndAgreesWithTheParser() throws {
        for text in ["user1@example.com", "First.Last+tag@Mail.Example.CO.uk", "a@b.c", "x_y-z@sub-domain.example", "o'neil@x1.io"] {
            let fast = try #require(AddrSpec(plainASCII: text), "\(text) takes the fast path")
            let full = try AddrSpec(parsing: text)
            #expect(fast.localPart == full.localPart)
            #expect(fast.asciiDomain == full.asciiDomain)
            #expect(fast.unicodeDomain == full.unicodeDomain)
        }
    }

    @Test func leavesEverythingElseToTheParser() {
        for text in [
            "", "@example.com", "user@", "user", ".user@example.com", "user.@example.com", "us..er@example.com",
            "user@example", "user@-example.com", "user@example-.com", "user@example..com", "user@example.com.",
            "user@ab--cd.com", "user@xn--bcher-kva.example", "user@example.123", "us er@example.com", " user@example.com",
            "user@example.com ", "\"quoted\"@example.com", "user@[127.0.0.1]", "üser@example.com", "user@bücher.example",
            "user@@example.com", "user@exa@mple.com", "user\t@example.com", "user@" + String(repeating: "a", count: 64) + ".com",
            String(repeating: "u", count: 65) + "@example.com",
        ] {
            #expect(AddrSpec(plainASCII: text) == nil, "\(text) goes to the full parser")
        }
    }

    @Test func randomAddressesAgreeWithTheParser() throws {
        let alphabet = Array("aZ09.-_+@!x".utf8)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let length = Int.random(in: 1...14, using: &generator)
            let text = String(decoding: (0..<length).map { _ in alphabet.randomElement(using: &generator)! }, as: UTF8.self)
            guard let fast = AddrSpec(plainASCII: text) else { continue }
            let full = try AddrSpec(parsing: text)
            #expect(fast.localPart == full.localPart && fast.asciiDomain == full.asciiDomain, "\(text)")
        }
    }
}

/// Time-ordered ids (UUIDv7) made in one process are unique and in the order made.
@Suite struct TimeOrderedUUIDTests {
    @Test func versionVariantUniquenessAndOrder() {
        let ids = (0..<50_000).map { _ in UUID.timeOrdered() }
        #expect(Set(ids).count == ids.count)
        #expect(ids.map(\.uuidString) == ids.map(\.uuidString).sorted())
        for id in ids.prefix(100) {
            #expect(id.uuid.6 >> 4 == 7 && id.uuid.8 >> 6 == 0b10)
        }
        let now = Date()
        let stamped = UUID.timeOrdered(at: now)
        let milliseconds = [stamped.uuid.0, stamped.uuid.1, stamped.uuid.2, stamped.uuid.3, stamped.uuid.4, stamped.uuid.5]
            .reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        #expect(milliseconds == UInt64(now.timeIntervalSince1970 * 1000))
    }
}
