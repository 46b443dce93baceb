internal import Foundation

/// A validated mailbox: an RFC 5322 addr-spec (dot-atom or quoted-string local part), RFC 6531
/// internationalized (UTF-8 local part, U-label domain), with an optional display name. The
/// domain is kept in its A-label (`xn--…`) form for the wire.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The display name, if any (trimmed, never empty, no control characters).
    public let displayName: String?
    /// The local part as written on the wire: a dot-atom, or a quoted string with its quotes.
    public let localPart: String
    /// The domain in its ASCII form: lower-case, each Unicode label as its `xn--` A-label.
    public let domain: String
    /// The domain as given, lower-cased and NFC-normalized (U-labels kept).
    public let unicodeDomain: String

    /// `local@domain` with the ASCII domain: what goes in `RCPT TO` and in headers.
    public var address: String { "\(localPart)@\(domain)" }

    /// Whether delivering needs SMTPUTF8 (RFC 6531): the local part is not ASCII.
    public var requiresSMTPUTF8: Bool { localPart.utf8.contains { $0 >= 0x80 } }

    public var description: String {
        if let displayName { "\(displayName) <\(address)>" } else { address }
    }

    /// Validates a bare address (`local@domain`) and a display name given apart, as the API's
    /// `EmailAddress` message has them. An empty name means none.
    public init(address: String, displayName: String? = nil) throws(EmailAddressError) {
        if let spec = AddrSpec(plainASCII: address) {
            localPart = spec.localPart
            domain = spec.asciiDomain
            unicodeDomain = spec.unicodeDomain
            self.displayName = try Self.validName(displayName, input: address)
            return
        }
        try Self.rejectControls(address)
        let trimmed = address.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw EmailAddressError(address, .empty) }
        let spec = try AddrSpec(parsing: trimmed)
        localPart = spec.localPart
        domain = spec.asciiDomain
        unicodeDomain = spec.unicodeDomain
        self.displayName = try Self.validName(displayName, input: address)
    }

    /// Parses `local@domain`, `Display Name <local@domain>` or `"Quoted, Name" <local@domain>`.
    public init(parsing text: String) throws(EmailAddressError) {
        try Self.rejectControls(text)
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { throw EmailAddressError(text, .empty) }
        let quotedLocalPart = trimmed.first == "\"" && Self.quotedString(Substring(trimmed))?.1.first == "@"
        guard !quotedLocalPart, trimmed.contains("<") || trimmed.hasSuffix(">") else {
            try self.init(address: trimmed)
            return
        }
        var rest = Substring(trimmed)
        var name: String?
        if rest.first == "\"" {
            guard let (quoted, after) = Self.quotedString(rest) else {
                throw EmailAddressError(text, .malformedMailbox("the quoted display name has no closing quote"))
            }
            name = quoted
            rest = after.drop { $0 == " " || $0 == "\t" }
            guard rest.first == "<" else {
                throw EmailAddressError(text, .malformedMailbox("write the address in angle brackets after the name: \"Name\" <local@domain>"))
            }
        } else {
            guard let open = rest.firstIndex(of: "<") else {
                throw EmailAddressError(text, .malformedMailbox("a \">\" without a \"<\""))
            }
            let unquoted = rest[..<open]
            if unquoted.contains(">") || unquoted.contains("\"") {
                throw EmailAddressError(text, .malformedMailbox("the display name has a stray \">\" or quote; quote the whole name"))
            }
            name = String(unquoted)
            rest = rest[open...]
        }
        guard rest.hasSuffix(">"), rest.count >= 2 else {
            throw EmailAddressError(text, .malformedMailbox("the address after \"<\" has no closing \">\""))
        }
        let inner = rest.dropFirst().dropLast()
        guard !inner.contains("<"), !inner.contains(">") else {
            throw EmailAddressError(text, .malformedMailbox("more than one pair of angle brackets"))
        }
        do {
            try self.init(address: String(inner), displayName: name)
        } catch {
            throw EmailAddressError(text, error.reason)
        }
    }

    /// The content of a quoted string at the start of `text` (escapes removed) and what follows.
    static func quotedString(_ text: Substring) -> (String, Substring)? {
        var content = ""
        var index = text.index(after: text.startIndex)
        while index < text.endIndex {
            let character = text[index]
            if character == "\\" {
                index = text.index(after: index)
                guard index < text.endIndex else { return nil }
                content.append(text[index])
            } else if character == "\"" {
                return (content, text[text.index(after: index)...])
            } else {
                content.append(character)
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func rejectControls(_ text: String) throws(EmailAddressError) {
        for scalar in text.unicodeScalars where scalar.value < 0x20 && scalar != "\t" || scalar.value == 0x7F {
            throw EmailAddressError(text, .forbiddenCharacter(scalar))
        }
    }

    private static func validName(_ name: String?, input: String) throws(EmailAddressError) -> String? {
        guard let name else { return nil }
        // Printable ASCII without spaces at either end needs neither checks nor trimming.
        if let first = name.utf8.first, let last = name.utf8.last, first != 0x20, last != 0x20,
            name.utf8.allSatisfy({ (0x20...0x7E).contains($0) })
        {
            return name
        }
        try rejectControls(name)
        for scalar in name.unicodeScalars where (0x80...0x9F).contains(scalar.value) {
            throw EmailAddressError(input, .forbiddenCharacter(scalar))
        }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }
}

/// An addr-spec split and validated: the local part as written, the domain in both forms.
struct AddrSpec {
    let localPart: String
    let asciiDomain: String
    let unicodeDomain: String

    /// `atext` of RFC 5322 beyond letters and digits.
    private static let atextSymbolText = "!#$%&'*+-/=?^_`{|}~"
    private static let atextSymbols = Set(atextSymbolText.unicodeScalars)
    private static let atextSymbolBytes = Set(atextSymbolText.utf8)

    init(parsing text: String) throws(EmailAddressError) {
        let local: Substring
        let domainText: Substring
        if text.first == "\"" {
            guard let (content, after) = EmailAddress.quotedString(Substring(text)) else {
                throw EmailAddressError(text, .invalidLocalPart("the quoted local part has no closing quote"))
            }
            guard after.first == "@" else {
                throw EmailAddressError(text, after.isEmpty ? .missingAt : .invalidLocalPart("the closing quote must be followed by @"))
            }
            localPart = try Self.quotedLocalPart(content, input: text)
            domainText = after.dropFirst()
            local = ""
        } else {
            guard let at = text.firstIndex(of: "@") else { throw EmailAddressError(text, .missingAt) }
            local = text[..<at]
            domainText = text[text.index(after: at)...]
            guard !local.isEmpty else { throw EmailAddressError(text, .emptyLocalPart) }
            try Self.checkDotAtom(local, input: text)
            localPart = String(local)
        }
        let octets = localPart.utf8.count
        guard octets <= 64 else { throw EmailAddressError(text, .localPartTooLong(octets: octets)) }
        guard !domainText.isEmpty else { throw EmailAddressError(text, .emptyDomain) }
        if domainText.contains("@") {
            throw EmailAddressError(text, .invalidLocalPart("it has more than one @; quote the local part if it really contains one"))
        }
        (asciiDomain, unicodeDomain) = try Self.domain(String(domainText), input: text)
    }

    /// The common case, checked byte by byte without Foundation: a dot-atom of ASCII `atext`,
    /// `@`, and a domain of at least two ASCII letter-digit-hyphen labels (none with `--` in the
    /// third and fourth positions, the last not all digits). Anything else is `nil`, and the full
    /// parser decides (and explains).
    init?(plainASCII text: String) {
        let utf8 = text.utf8
        guard let at = utf8.firstIndex(of: UInt8(ascii: "@")) else { return nil }
        let localBytes = utf8[..<at], domainBytes = utf8[utf8.index(after: at)...]
        guard (1...64).contains(localBytes.count), (3...253).contains(domainBytes.count) else { return nil }
        var previous: UInt8 = UInt8(ascii: ".")
        for byte in localBytes {
            if byte == UInt8(ascii: ".") {
                guard previous != byte else { return nil }
            } else if !Self.isASCIIAtext(byte) {
                return nil
            }
            previous = byte
        }
        guard previous != UInt8(ascii: ".") else { return nil }
        var lowered = [UInt8]()
        lowered.reserveCapacity(domainBytes.count)
        var labelLength = 0, labels = 1, lastLabelAllDigits = true
        for byte in domainBytes {
            switch byte {
            case UInt8(ascii: "."):
                guard labelLength > 0, previous != UInt8(ascii: "-") else { return nil }
                labels += 1
                labelLength = 0
                lastLabelAllDigits = true
            case UInt8(ascii: "-"):
                guard labelLength > 0, !(labelLength == 3 && previous == byte) else { return nil }
                labelLength += 1
                lastLabelAllDigits = false
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                labelLength += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"):
                labelLength += 1
                lastLabelAllDigits = false
            default:
                return nil
            }
            guard labelLength <= 63 else { return nil }
            previous = byte
            lowered.append(byte | (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? 0x20 : 0))
        }
        guard labels > 1, labelLength > 0, previous != UInt8(ascii: "-"), !lastLabelAllDigits else { return nil }
        localPart = String(text[..<at])
        asciiDomain = String(decoding: lowered, as: UTF8.self)
        unicodeDomain = asciiDomain
    }

    private static func isASCIIAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            atextSymbolBytes.contains(byte)
        }
    }

    private static func isAtext(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value >= 0x80 { return true }
        return ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
            || atextSymbols.contains(scalar)
    }

    private static func checkDotAtom(_ local: Substring, input: String) throws(EmailAddressError) {
        if local.first == "." || local.last == "." {
            throw EmailAddressError(input, .invalidLocalPart("it cannot start or end with a dot"))
        }
        if local.contains("..") {
            throw EmailAddressError(input, .invalidLocalPart("it cannot have two dots in a row"))
        }
        for scalar in local.unicodeScalars where scalar != "." && !isAtext(scalar) {
            throw EmailAddressError(
                input, .invalidLocalPart("the character \"\(scalar)\" needs the local part in quotes"))
        }
    }

    /// The quoted local part as written: unquoted when its content is a dot-atom (RFC 5321
    /// §4.1.2), otherwise quoted with `"` and `\` escaped.
    private static func quotedLocalPart(_ content: String, input: String) throws(EmailAddressError) -> String {
        guard !content.isEmpty else { throw EmailAddressError(input, .emptyLocalPart) }
        if (try? checkDotAtom(Substring(content), input: input)) != nil { return content }
        var written = "\""
        for scalar in content.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { written.append("\\") }
            written.unicodeScalars.append(scalar)
        }
        return written + "\""
    }

    /// The domain's ASCII (A-label) and Unicode forms, each label checked.
    static func domain(_ text: String, input: String) throws(EmailAddressError) -> (String, String) {
        if text.hasPrefix("[") { throw EmailAddressError(input, .addressLiteral) }
        let normalized = text.precomposedStringWithCanonicalMapping.lowercased()
        let labels = normalized.split(omittingEmptySubsequences: false) { ["." as Character, "\u{3002}", "\u{FF0E}", "\u{FF61}"].contains($0) }
        guard labels.count > 1 else {
            throw EmailAddressError(input, labels.first?.isEmpty ?? true ? .emptyDomain : .singleLabelDomain)
        }
        var ascii: [String] = []
        for label in labels {
            guard !label.isEmpty else { throw EmailAddressError(input, .emptyLabel) }
            ascii.append(try asciiLabel(String(label), input: input))
        }
        if ascii.last!.allSatisfy(\.isASCIIDigit) { throw EmailAddressError(input, .numericTopLevelDomain) }
        let asciiDomain = ascii.joined(separator: ".")
        guard asciiDomain.utf8.count <= 253 else { throw EmailAddressError(input, .domainTooLong(octets: asciiDomain.utf8.count)) }
        return (asciiDomain, labels.joined(separator: "."))
    }

    private static func asciiLabel(_ label: String, input: String) throws(EmailAddressError) -> String {
        if label.first == "-" || label.last == "-" {
            throw EmailAddressError(input, .invalidLabel(label: label, detail: "it cannot start or end with a hyphen"))
        }
        var isASCII = true
        for scalar in label.unicodeScalars {
            if scalar.value < 0x80 {
                guard scalar == "-" || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) else {
                    throw EmailAddressError(
                        input, .invalidLabel(label: label, detail: "\"\(scalar)\" is not a letter, digit or hyphen"))
                }
            } else {
                isASCII = false
                switch scalar.properties.generalCategory {
                case .lowercaseLetter, .uppercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                    .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber:
                    continue
                default:
                    throw EmailAddressError(
                        input, .invalidLabel(label: label, detail: "U+\(hex(scalar.value)) is not a letter, mark or digit"))
                }
            }
        }
        var ascii = label
        if isASCII {
            if label.count >= 4, label.dropFirst(2).hasPrefix("--"), !label.hasPrefix("xn--") {
                throw EmailAddressError(input, .invalidLabel(label: label, detail: "hyphens in the third and fourth positions are reserved"))
            }
        } else {
            // Every scalar adds at least one character to the A-label, so a label this long can
            // never fit; refusing it early bounds the encoder's (quadratic) work.
            guard label.unicodeScalars.count <= 253, let encoded = Punycode.encode(label) else {
                throw EmailAddressError(input, .labelTooLong(label: label, octets: label.utf8.count))
            }
            ascii = "xn--" + encoded
        }
        guard ascii.utf8.count <= 63 else { throw EmailAddressError(input, .labelTooLong(label: label, octets: ascii.utf8.count)) }
        return ascii
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
