/// Standard base64 (RFC 4648, padded), optionally in lines for MIME bodies (RFC 2045 §6.8).
public enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let values: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, character) in alphabet.enumerated() { table[Int(character)] = UInt8(index) }
        return table
    }()

    /// `bytes` in base64 on one line.
    public static func encode(_ bytes: [UInt8]) -> String { String(decoding: encodedBytes(bytes, lineLength: nil), as: UTF8.self) }

    /// `bytes` in base64, in lines of `lineLength` characters (a multiple of 4) each ended by
    /// CRLF, the last line too; nothing for no bytes.
    public static func encodedBytes(_ bytes: [UInt8], lineLength: Int?) -> [UInt8] {
        let encodedCount = (bytes.count + 2) / 3 * 4
        var out: [UInt8] = []
        out.reserveCapacity(encodedCount + (lineLength.map { (encodedCount / $0 + 1) * 2 } ?? 0))
        var column = 0
        var index = 0
        func emit(_ character: UInt8) {
            out.append(character)
            column += 1
            if let lineLength, column == lineLength {
                out.append(0x0D)
                out.append(0x0A)
                column = 0
            }
        }
        while index + 3 <= bytes.count {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            emit(alphabet[Int(n >> 18 & 63)])
            emit(alphabet[Int(n >> 12 & 63)])
            emit(alphabet[Int(n >> 6 & 63)])
            emit(alphabet[Int(n & 63)])
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let n = UInt32(bytes[index]) << 16 | (rest == 2 ? UInt32(bytes[index + 1]) << 8 : 0)
            emit(alphabet[Int(n >> 18 & 63)])
            emit(alphabet[Int(n >> 12 & 63)])
            emit(rest == 2 ? alphabet[Int(n >> 6 & 63)] : UInt8(ascii: "="))
            emit(UInt8(ascii: "="))
        }
        if lineLength != nil, column > 0 {
            out.append(0x0D)
            out.append(0x0A)
        }
        return out
    }

    /// Decodes base64, ignoring CR, LF, space and tab; nil when anything else is wrong.
    public static func decode(_ text: String) -> [UInt8]? {
        let characters = text.utf8.filter { $0 != 0x0D && $0 != 0x0A && $0 != 0x20 && $0 != 0x09 }
        guard characters.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(characters.count / 4 * 3)
        var index = 0
        while index < characters.count {
            let isLast = index + 4 == characters.count
            var n: UInt32 = 0
            var padding = 0
            for offset in 0..<4 {
                let character = characters[index + offset]
                if character == UInt8(ascii: "=") {
                    guard isLast, offset >= 2 else { return nil }
                    padding += 1
                    n <<= 6
                } else {
                    guard padding == 0 else { return nil }
                    let value = values[Int(character)]
                    guard value != 0xFF else { return nil }
                    n = n << 6 | UInt32(value)
                }
            }
            out.append(UInt8(truncatingIfNeeded: n >> 16))
            if padding < 2 { out.append(UInt8(truncatingIfNeeded: n >> 8)) }
            if padding < 1 { out.append(UInt8(truncatingIfNeeded: n)) }
            index += 4
        }
        return out
    }
}

/// The bodies of text parts: line endings made CRLF, then 7bit or quoted-printable.
enum TextBody {
    /// `text`'s UTF-8 with every line ending (CRLF, LF or CR alone) made CRLF.
    static func crlfLines(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + text.utf8.count / 40)
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == 0x0A {
                if !previousWasCR { out.append(0x0D) }
                out.append(0x0A)
                previousWasCR = false
            } else {
                if previousWasCR { out.append(0x0A) }
                if byte == 0x0D {
                    out.append(0x0D)
                    previousWasCR = true
                } else {
                    out.append(byte)
                    previousWasCR = false
                }
            }
        }
        if previousWasCR { out.append(0x0A) }
        return out
    }

    /// Whether CRLF-lined `bytes` may go as 7bit: ASCII without NUL or other controls than tab,
    /// every line at most 76 octets.
    static func fitsSevenBit(_ bytes: [UInt8]) -> Bool {
        var column = 0
        for byte in bytes {
            if byte == 0x0A || byte == 0x0D {
                column = 0
                continue
            }
            guard byte < 0x7F, byte >= 0x20 || byte == 0x09 else { return false }
            column += 1
            if column > 76 { return false }
        }
        return true
    }

    /// Quoted-printable (RFC 2045 §6.7) of CRLF-lined `bytes`: lines of at most 76 characters,
    /// soft breaks `=` CRLF, trailing space and tab encoded, line breaks kept as CRLF.
    static func quotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var column = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                out += [0x0D, 0x0A]
                column = 0
                index += 2
                continue
            }
            let atLineEnd = index + 1 == bytes.count || bytes[index + 1] == 0x0D
            let literal = (byte >= 0x21 && byte <= 0x7E && byte != UInt8(ascii: "=")) || ((byte == 0x20 || byte == 0x09) && !atLineEnd)
            let width = literal ? 1 : 3
            // Leave room for the soft break's "=" unless this is the line's last character.
            let limit = atLineEnd ? 76 : 75
            if column + width > limit {
                out += [UInt8(ascii: "="), 0x0D, 0x0A]
                column = 0
            }
            if literal {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]]
            }
            column += width
            index += 1
        }
        return out
    }
}
