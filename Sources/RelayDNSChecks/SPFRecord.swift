/// An SPF record (RFC 7208): `v=spf1` and its terms, with what a check needs — the terms that
/// cost a DNS lookup, the includes and the redirect, and where to add an include.
public struct SPFRecord: Sendable, Equatable {
    /// The terms after `v=spf1`, as written.
    public let terms: [String]

    /// Whether `text` is an SPF record: `v=spf1` alone or followed by a space (case-insensitive).
    public static func isSPF(_ text: String) -> Bool {
        let lowered = text.trimmingWhitespace().lowercased()
        return lowered == "v=spf1" || lowered.hasPrefix("v=spf1 ")
    }

    /// The record in `text`, or nil when it is not an SPF record.
    public init?(parsing text: String) {
        guard Self.isSPF(text) else { return nil }
        terms = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().map(String.init)
    }

    /// The terms' names without qualifier, lower case: `include`, `a`, `all`, `redirect`, `exp`…
    private static func name(of term: String) -> String {
        var body = Substring(term)
        if let first = body.first, "+-~?".contains(first) { body = body.dropFirst() }
        let end = body.firstIndex { $0 == ":" || $0 == "=" || $0 == "/" } ?? body.endIndex
        return body[..<end].lowercased()
    }

    private static func qualifier(of term: String) -> Character {
        if let first = term.first, "+-~?".contains(first) { return first }
        return "+"
    }

    /// The terms that make a DNS query when evaluated (RFC 7208 §4.6.4): `include`, `a`, `mx`,
    /// `ptr`, `exists` and the `redirect` modifier.
    public var lookupTermCount: Int {
        terms.filter { ["include", "a", "mx", "ptr", "exists", "redirect"].contains(Self.name(of: $0)) }.count
    }

    /// The domains of the `include:` mechanisms, in order, with their qualifiers.
    public var includes: [(qualifier: Character, domain: String)] {
        terms.compactMap { term in
            guard Self.name(of: term) == "include", let colon = term.firstIndex(of: ":") else { return nil }
            return (Self.qualifier(of: term), DomainText.normalized(String(term[term.index(after: colon)...])))
        }
    }

    /// The domain of the `redirect=` modifier; ignored (nil) when the record has an `all` term.
    public var redirect: String? {
        guard allTerm == nil else { return nil }
        for term in terms where Self.name(of: term) == "redirect" {
            if let equals = term.firstIndex(of: "=") { return DomainText.normalized(String(term[term.index(after: equals)...])) }
        }
        return nil
    }

    /// The `all` term (`-all`, `~all`…), if any.
    public var allTerm: String? {
        terms.first { Self.name(of: $0) == "all" }
    }

    /// The record's text with `mechanism` (such as `include:spf.example.net`) added just before
    /// the `all` term, or before a `redirect=`, or at the end.
    public func adding(_ mechanism: String) -> String {
        var terms = terms
        let index = terms.firstIndex { Self.name(of: $0) == "all" } ?? terms.firstIndex { Self.name(of: $0) == "redirect" } ?? terms.endIndex
        terms.insert(mechanism, at: index)
        return (["v=spf1"] + terms).joined(separator: " ")
    }
}

/// Domain names as written in records and settings.
enum DomainText {
    /// Lower case, without a trailing dot or an `include:` prefix.
    static func normalized(_ text: String) -> String {
        var text = text.trimmingWhitespace().lowercased()
        if text.hasPrefix("include:") { text = String(text.dropFirst("include:".count)) }
        if text.hasSuffix(".") { text = String(text.dropLast()) }
        return text
    }
}
