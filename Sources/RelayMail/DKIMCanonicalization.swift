/// The "relaxed" canonicalizations of RFC 6376 §3.4.2 and §3.4.4, and the split of a message
/// into its header fields and body, all on bytes.
public enum DKIMCanonicalization {
    private static let space: UInt8 = 0x20
    private static let tab: UInt8 = 0x09
    private static let cr: UInt8 = 0x0D
    private static let lf: UInt8 = 0x0A

    /// One header field as it appears in a message.
    public struct HeaderField: Sendable, Equatable {
        /// The name, as written (without the colon).
        public var name: [UInt8]
        /// Everything after the colon up to the field's final CRLF, folding included.
        public var value: [UInt8]
    }

    /// The header fields of `message` and where its body starts (after the empty line; the
    /// message's end when there is none).
    public static func split(_ message: [UInt8]) -> (fields: [HeaderField], bodyStart: Int) {
        var fields: [HeaderField] = []
        var index = 0
        while index < message.count {
            // The empty line that ends the header section.
            if message[index] == cr, index + 1 < message.count, message[index + 1] == lf {
                return (fields, index + 2)
            }
            // A field: up to a CRLF not followed by space or tab.
            let start = index
            var end = index
            while end < message.count {
                if message[end] == cr, end + 1 < message.count, message[end + 1] == lf {
                    let next = end + 2
                    if next < message.count, message[next] == space || message[next] == tab {
                        end = next
                        continue
                    }
                    break
                }
                end += 1
            }
            let field = message[start..<end]
            if let colon = field.firstIndex(of: UInt8(ascii: ":")) {
                fields.append(HeaderField(name: Array(message[start..<colon]), value: Array(message[(colon + 1)..<end])))
            }
            index = min(end + 2, message.count)
        }
        return (fields, message.count)
    }

    /// A header field in relaxed form: the name in lower case without trailing whitespace, a
    /// colon, the value unfolded, whitespace runs made one space, trimmed; then CRLF.
    public static func relaxedHeader(name: [UInt8], value: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(name.count + value.count + 3)
        var trimmedName = name[...]
        while let last = trimmedName.last, last == space || last == tab { trimmedName = trimmedName.dropLast() }
        for byte in trimmedName { out.append(byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte) }
        out.append(UInt8(ascii: ":"))
        var pendingSpace = false
        var wroteValue = false
        for byte in value where byte != cr && byte != lf {
            if byte == space || byte == tab {
                pendingSpace = wroteValue
            } else {
                if pendingSpace { out.append(space) }
                pendingSpace = false
                out.append(byte)
                wroteValue = true
            }
        }
        out += [cr, lf]
        return out
    }

    /// A body in relaxed form: whitespace at a line's end removed, other whitespace runs made
    /// one space, empty lines at the end removed, a final CRLF added to a non-empty body. An
    /// empty body (or one of empty lines only) stays empty, as RFC 6376 §3.4.4 has it for
    /// relaxed (unlike simple, where it becomes one CRLF).
    public static func relaxedBody<Bytes: Collection<UInt8>>(_ body: Bytes) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(body.count + 2)
        var line: [UInt8] = []
        var pendingEmptyLines = 0
        func finishLine() {
            while let last = line.last, last == space { line.removeLast() }
            if line.isEmpty {
                pendingEmptyLines += 1
            } else {
                for _ in 0..<pendingEmptyLines { out += [cr, lf] }
                pendingEmptyLines = 0
                out += line
                out += [cr, lf]
            }
            line.removeAll(keepingCapacity: true)
        }
        var previous: UInt8 = 0
        var index = body.startIndex
        var sawContent = false
        while index < body.endIndex {
            let byte = body[index]
            sawContent = true
            if byte == lf, previous == cr {
                line.removeLast()  // the CR
                finishLine()
                previous = 0
                sawContent = false
            } else {
                if byte == space || byte == tab {
                    if line.last != space { line.append(space) }
                } else {
                    line.append(byte)
                }
                previous = byte
            }
            index = body.index(after: index)
        }
        if sawContent { finishLine() }
        return out
    }
}
