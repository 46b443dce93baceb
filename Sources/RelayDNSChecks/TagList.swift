/// A DKIM or DMARC tag list (RFC 6376 §3.2): `name=value` pairs separated by `;`, whitespace
/// around names, `=` and values ignored, tag names case-sensitive, no duplicates.
public struct TagList: Sendable, Equatable {
    /// The tags in the order written, values with surrounding whitespace removed.
    public let tags: [(name: String, value: String)]

    /// Why a text is not a tag list.
    public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// A `;`-separated part without `=`.
        case missingEquals(String)
        /// A tag name that is empty or not `ALPHA *(ALPHA / DIGIT / "_")`.
        case badName(String)
        /// A value with a character outside `%x21-3A / %x3C-7E` and whitespace.
        case badValue(name: String)
        /// The same tag twice.
        case duplicate(String)

        public var description: String {
            switch self {
            case .missingEquals(let part): "'\(part)' is not name=value"
            case .badName(let name): "'\(name)' is not a tag name"
            case .badValue(let name): "the value of \(name)= has a character that is not allowed"
            case .duplicate(let name): "the tag \(name)= appears twice"
            }
        }
    }

    /// Parses `text`.
    public init(parsing text: String) throws(ParseError) {
        var parts = text.split(separator: ";", omittingEmptySubsequences: false).map { $0.trimmingWhitespace() }
        if parts.last?.isEmpty == true { parts.removeLast() }  // a trailing ";"
        var tags: [(name: String, value: String)] = []
        var seen: Set<String> = []
        for part in parts {
            guard let equals = part.firstIndex(of: "=") else { throw .missingEquals(String(part)) }
            let name = String(part[..<equals].trimmingWhitespace())
            let value = String(part[part.index(after: equals)...].trimmingWhitespace())
            guard let first = name.unicodeScalars.first, first.isASCIILetter, name.unicodeScalars.allSatisfy({ $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" })
            else { throw .badName(name) }
            guard value.unicodeScalars.allSatisfy({ $0.isTagValueCharacter || $0.isFoldingWhitespace }) else {
                throw .badValue(name: name)
            }
            guard seen.insert(name).inserted else { throw .duplicate(name) }
            tags.append((name, value))
        }
        self.tags = tags
    }

    /// The value of tag `name`, or nil.
    public subscript(name: String) -> String? {
        tags.first { $0.name == name }?.value
    }

    public static func == (lhs: TagList, rhs: TagList) -> Bool {
        lhs.tags.count == rhs.tags.count && zip(lhs.tags, rhs.tags).allSatisfy { $0.name == $1.name && $0.value == $1.value }
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    /// VALCHAR of RFC 6376: `%x21-3A / %x3C-7E`.
    var isTagValueCharacter: Bool { (0x21...0x3A).contains(value) || (0x3C...0x7E).contains(value) }
    /// WSP and the CR/LF of folding.
    var isFoldingWhitespace: Bool { value == 0x20 || value == 0x09 || value == 0x0D || value == 0x0A }
}

extension StringProtocol {
    func trimmingWhitespace() -> SubSequence {
        let start = firstIndex { !$0.unicodeScalars.allSatisfy(\.isFoldingWhitespace) } ?? endIndex
        let end = lastIndex { !$0.unicodeScalars.allSatisfy(\.isFoldingWhitespace) }.map(index(after:)) ?? start
        return self[start..<Swift.max(start, end)]
    }

    /// The text with every space, tab, CR and LF removed.
    func removingWhitespace() -> String {
        String(String.UnicodeScalarView(unicodeScalars.filter { !$0.isFoldingWhitespace }))
    }
}
