/// Maps Swift property and oneof-case names back to proto field names by the mechanical rule of
/// docs/CODECS.md: lowerCamel becomes snake_case, and the segments `ID`, `IDs`, `URL`, `URLs`
/// become `id`, `ids`, `url`, `urls` (`messageID` → `message_id`, `typeURL` → `type_url`).
enum FieldNames {
    /// The acronym segments, longest first so that `IDs` wins over `ID`.
    private static let acronyms: [(swift: [Character], proto: String)] = [
        (Array("URLs"), "urls"), (Array("URL"), "url"), (Array("IDs"), "ids"), (Array("ID"), "id"),
    ]

    /// The proto field name of the Swift property `name` (a leading `_` of a property wrapper's
    /// storage is dropped).
    static func protoName(_ name: String) -> String {
        var chars = Array(name)
        if chars.first == "_" { chars.removeFirst() }
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            guard c.isUppercase else {
                out.append(c)
                i += 1
                continue
            }
            if !out.isEmpty { out.append("_") }
            if let (length, proto) = acronym(at: i, in: chars) {
                out += proto
                i += length
            } else {
                out += c.lowercased()
                i += 1
            }
        }
        return out
    }

    /// The acronym segment starting at `index`, if one ends there at a segment boundary (the end
    /// of the name, an upper-case letter or a digit).
    private static func acronym(at index: Int, in chars: [Character]) -> (Int, String)? {
        for (swift, proto) in acronyms {
            let end = index + swift.count
            guard end <= chars.count, Array(chars[index..<end]) == swift else { continue }
            if end == chars.count || chars[end].isUppercase || chars[end].isNumber {
                return (swift.count, proto)
            }
        }
        return nil
    }
}
