/// Writes one header field, folded: words are joined by spaces and a line is broken (CRLF and a
/// space) before a word that would take it past 78 octets. A line never exceeds 998 octets.
struct HeaderFieldWriter {
    /// The line length folding aims for (RFC 5322 §2.1.1).
    static let preferredLineLength = 78
    /// The hard limit of a line, without its CRLF.
    static let maximumLineLength = 998

    private let name: String
    private var text: String
    private var lineLength: Int
    private var longestLine = 0
    /// Whether the current line is a continuation holding only its leading space.
    private var atFreshLine = false

    /// A field named `name` (written as is).
    init(name: String) {
        self.name = name
        text = name + ":"
        lineLength = name.utf8.count + 1
    }

    /// Appends `word`, after a space unless `joined`, folding before it when it does not fit.
    mutating func append(_ word: String, joined: Bool = false) {
        let length = word.utf8.count
        let separator = joined || atFreshLine ? 0 : 1
        if !atFreshLine, !word.isEmpty, lineLength + separator + length > Self.preferredLineLength {
            fold()
        } else if separator == 1 {
            text += " "
            lineLength += 1
        }
        text += word
        lineLength += length
        atFreshLine = atFreshLine && word.isEmpty
    }

    /// Space left on the current line before the preferred limit, after a separating space.
    var remainingOnLine: Int { Self.preferredLineLength - lineLength - (atFreshLine ? 0 : 1) }

    /// Starts a new line (CRLF and one space).
    mutating func fold() {
        longestLine = max(longestLine, lineLength)
        text += "\r\n "
        lineLength = 1
        atFreshLine = true
    }

    /// Appends `value` as RFC 2047 encoded words (UTF-8, Q or B, whichever is shorter), each
    /// at most 75 octets. Whitespace between encoded words is not part of the text, so every
    /// character of `value`, spaces included, is inside a word. A value that fits in one word
    /// stays one word (on a new line if need be); a longer one is split after a space where it
    /// can be, so that decoders that wrongly keep the whitespace between words (Python's
    /// address parser) still show one space there rather than none.
    mutating func appendEncoded(_ value: String) {
        let bytes = Array(value.utf8)
        let useQ = EncodedWord.payloadLength(bytes, q: true) <= EncodedWord.payloadLength(bytes, q: false)
        let maximumPayload = 75 - EncodedWord.overhead
        var scalars = Array(value.unicodeScalars)[...]
        while !scalars.isEmpty {
            var room = min(75, remainingOnLine) - EncodedWord.overhead
            let whole = EncodedWord.payloadLength(Array(String(String.UnicodeScalarView(scalars)).utf8), q: useQ)
            if room < 12 || (whole <= maximumPayload && whole > room && !atFreshLine) {
                fold()
                room = min(75, remainingOnLine) - EncodedWord.overhead
            }
            let (word, rest) = EncodedWord.make(from: scalars, maximumPayload: room, q: useQ)
            append(word)
            scalars = rest
        }
    }

    /// The field with its final CRLF; throws when a line would exceed 998 octets.
    func finish() throws(MailError) -> String {
        guard max(longestLine, lineLength) <= Self.maximumLineLength else {
            throw .invalidHeader(name: name, reason: "a word of the value is too long for one line (998 characters)")
        }
        return text + "\r\n"
    }
}

/// RFC 2047 encoded words in UTF-8.
enum EncodedWord {
    /// `=?UTF-8?Q?` and `?=`.
    static let overhead = 12

    /// Bytes the Q encoding writes as themselves in any header context (RFC 2047 §5 (3)).
    static func isQLiteral(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: " "):
            true
        default: false
        }
    }

    /// The length of `bytes` once Q- or B-encoded.
    static func payloadLength(_ bytes: [UInt8], q: Bool) -> Int {
        q ? bytes.reduce(0) { $0 + (isQLiteral($1) ? 1 : 3) } : (bytes.count + 2) / 3 * 4
    }

    /// One encoded word of as many whole scalars of `scalars` as fit in `maximumPayload`
    /// characters (at least one), ending after a space when one was taken and more remain;
    /// and the scalars left.
    static func make(from scalars: ArraySlice<Unicode.Scalar>, maximumPayload: Int, q: Bool)
        -> (String, ArraySlice<Unicode.Scalar>)
    {
        var byteCount = 0
        var qLength = 0
        var end = scalars.startIndex
        var afterLastSpace: Int?
        while end < scalars.endIndex {
            let scalarBytes = Array(String(scalars[end]).utf8)
            let length = q ? qLength + payloadLength(scalarBytes, q: true) : (byteCount + scalarBytes.count + 2) / 3 * 4
            if length > maximumPayload && end > scalars.startIndex { break }
            byteCount += scalarBytes.count
            qLength += payloadLength(scalarBytes, q: true)
            end += 1
            if scalars[end - 1] == " " { afterLastSpace = end }
        }
        if end < scalars.endIndex, let afterLastSpace, afterLastSpace < end { end = afterLastSpace }
        let bytes = Array(String(String.UnicodeScalarView(scalars[..<end])).utf8)
        let payload: String
        if q {
            var text = ""
            for byte in bytes {
                if byte == UInt8(ascii: " ") {
                    text += "_"
                } else if isQLiteral(byte) {
                    text.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    text += "=" + hexByte(byte)
                }
            }
            payload = text
        } else {
            payload = Base64.encode(bytes)
        }
        return ("=?UTF-8?\(q ? "Q" : "B")?\(payload)?=", scalars[end...])
    }
}

/// Two upper-case hexadecimal digits.
func hexByte(_ byte: UInt8) -> String {
    let digits = Array("0123456789ABCDEF".unicodeScalars)
    return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
}

/// Header values as the builder writes them: checked, then plain or encoded.
enum HeaderText {
    /// Throws when `value` has CR, LF or NUL: a header value is one logical line.
    static func checkSingleLine(_ value: String, header: String) throws(MailError) {
        for byte in value.utf8 where byte == 0x0D || byte == 0x0A || byte == 0 {
            throw .invalidHeader(name: header, reason: byte == 0 ? "the value contains a NUL character" : "the value contains a line break (CR or LF)")
        }
    }

    /// Whether `value` can be written as itself in an unstructured field: printable ASCII, single
    /// spaces between words, no leading or trailing space, nothing that looks like an encoded
    /// word, every word short enough for a folded line.
    static func isPlainUnstructured(_ value: String) -> Bool {
        let bytes = Array(value.utf8)
        guard bytes.allSatisfy({ (0x20...0x7E).contains($0) }), bytes.first != 0x20, bytes.last != 0x20 else { return false }
        if value.contains("  ") || value.contains("=?") { return false }
        return value.split(separator: " ").allSatisfy { $0.utf8.count <= 70 }
    }

    /// Appends an unstructured value (a subject, a custom header): as is when plain, otherwise as
    /// encoded words.
    static func appendUnstructured(_ value: String, to writer: inout HeaderFieldWriter) {
        if value.isEmpty { return }
        if isPlainUnstructured(value) {
            for word in value.split(separator: " ") { writer.append(String(word)) }
        } else {
            writer.appendEncoded(value)
        }
    }

    /// `atext` of RFC 5322 (ASCII letters, digits and the symbols allowed in an atom).
    static func isAtext(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(byte)
        }
    }

    /// Appends a display name as a phrase: atoms as they are, printable ASCII as a quoted
    /// string, anything else as encoded words.
    static func appendPhrase(_ name: String, to writer: inout HeaderFieldWriter) {
        let bytes = Array(name.utf8)
        let words = name.split(separator: " ", omittingEmptySubsequences: false)
        if !name.contains("=?"), words.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy(isAtext) && $0.utf8.count <= 70 }) {
            for word in words { writer.append(String(word)) }
        } else if bytes.allSatisfy({ (0x20...0x7E).contains($0) }), bytes.count <= 60, !name.contains("=?") {
            var quoted = "\""
            for character in name {
                if character == "\"" || character == "\\" { quoted += "\\" }
                quoted.append(character)
            }
            writer.append(quoted + "\"")
        } else if name.contains("  ") || name.contains("=?") {
            writer.appendEncoded(name)
        } else {
            // Atoms stay readable; each run of words needing encoding becomes encoded words.
            var run: [Substring] = []
            for word in words + [""] {
                if !word.isEmpty, word.utf8.allSatisfy(isAtext), word.utf8.count <= 70 {
                    if !run.isEmpty { writer.appendEncoded(run.joined(separator: " ")) }
                    run = []
                    writer.append(String(word))
                } else if !word.isEmpty {
                    run.append(word)
                } else if !run.isEmpty {
                    writer.appendEncoded(run.joined(separator: " "))
                }
            }
        }
    }

    /// Appends a list of mailboxes separated by commas.
    static func appendMailboxes(_ addresses: [EmailAddress], to writer: inout HeaderFieldWriter) {
        for (index, address) in addresses.enumerated() {
            let separator = index < addresses.count - 1 ? "," : ""
            if let name = address.displayName {
                appendPhrase(name, to: &writer)
                writer.append("<\(address.address)>\(separator)")
            } else {
                writer.append(address.address + separator)
            }
        }
    }

    /// Appends a MIME parameter (`; name="value"`): a quoted string when short printable ASCII,
    /// otherwise RFC 2231 `name*=utf-8''…` percent-encoded, in continuations (`name*0*=`…) when
    /// long. No `;` follows the last piece.
    static func appendParameter(_ name: String, _ value: String, to writer: inout HeaderFieldWriter) {
        let bytes = Array(value.utf8)
        if bytes.allSatisfy({ (0x20...0x7E).contains($0) }), bytes.count <= 60 {
            var quoted = "\""
            for character in value {
                if character == "\"" || character == "\\" { quoted += "\\" }
                quoted.append(character)
            }
            writer.append("\(name)=\(quoted)\"")
            return
        }
        var pieces: [String] = []
        var current = ""
        for byte in bytes {
            let encoded = isAttributeChar(byte) ? String(Unicode.Scalar(byte)) : "%" + hexByte(byte)
            if current.utf8.count + encoded.utf8.count > 48 {
                pieces.append(current)
                current = ""
            }
            current += encoded
        }
        pieces.append(current)
        if pieces.count == 1 {
            writer.append("\(name)*=utf-8''\(pieces[0])")
        } else {
            for (index, piece) in pieces.enumerated() {
                let end = index < pieces.count - 1 ? ";" : ""
                writer.append(index == 0 ? "\(name)*0*=utf-8''\(piece)\(end)" : "\(name)*\(index)*=\(piece)\(end)")
            }
        }
    }

    /// RFC 2231 `attribute-char`: token characters other than `*`, `'` and `%`.
    private static func isAttributeChar(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: Array("!#$&+-.^_`|~".utf8).contains(byte)
        }
    }
}
