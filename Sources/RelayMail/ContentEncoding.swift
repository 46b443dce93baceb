internal import RelayCrypto

/// Standard base64 (RFC 4648, padded; RelayCrypto's, through OpenSSL), and in lines for MIME
/// bodies (RFC 2045 §6.8).
public enum Base64 {
    /// `bytes` in base64 on one line.
    public static func encode(_ bytes: [UInt8]) -> String { base64Encoded(bytes) }

    /// `bytes` in base64, in lines of `lineLength` characters (a multiple of 4) each ended by
    /// CRLF, the last line too; nothing for no bytes.
    public static func encodedBytes(_ bytes: [UInt8], lineLength: Int?) -> [UInt8] {
        let flat = Array(base64Encoded(bytes).utf8)
        guard let lineLength, !flat.isEmpty else { return flat }
        var out: [UInt8] = []
        out.reserveCapacity(flat.count + (flat.count / lineLength + 1) * 2)
        var start = 0
        while start < flat.count {
            let end = min(start + lineLength, flat.count)
            out.append(contentsOf: flat[start..<end])
            out.append(0x0D)
            out.append(0x0A)
            start = end
        }
        return out
    }

    /// Decodes base64, ignoring CR, LF, space and tab; nil when anything else is wrong.
    public static func decode(_ text: String) -> [UInt8]? { base64Decoded(text) }
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
