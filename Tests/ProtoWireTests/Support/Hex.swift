// Byte-vector helpers shared by the wire tests.
import ProtoWire

/// Parses hex digits, ignoring spaces: `hex("08 96 01") == [0x08, 0x96, 0x01]`.
func hex(_ text: String) -> [UInt8] {
    let digits = text.filter { !$0.isWhitespace }.map { UInt8(String($0), radix: 16)! }
    precondition(digits.count % 2 == 0, "odd number of hex digits in \(text)")
    return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
}

/// The bytes as space-separated lower-case hex, for failure messages.
func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
}

/// The encoding of a varint, built independently of ProtoWriter.
func varint(_ value: UInt64) -> [UInt8] {
    var out: [UInt8] = []
    var v = value
    repeat {
        let low = UInt8(v & 0x7F)
        v >>= 7
        out.append(v == 0 ? low : low | 0x80)
    } while v != 0
    return out
}

/// A field key: `(number << 3) | wireType` as a varint.
func key(_ number: UInt64, _ wireType: UInt64) -> [UInt8] { varint(number << 3 | wireType) }

/// A length-delimited field: key, length, payload.
func lengthDelimited(_ number: UInt64, _ payload: [UInt8]) -> [UInt8] {
    key(number, 2) + varint(UInt64(payload.count)) + payload
}

extension ProtoMessage {
    /// Decodes `bytes`, returning the error instead of throwing it.
    static func decodeResult(_ bytes: [UInt8], options: DecodingOptions = DecodingOptions()) -> Result<Self, ProtoDecodingError> {
        do throws(ProtoDecodingError) {
            return .success(try Self(serializedBytes: bytes, options: options))
        } catch {
            return .failure(error)
        }
    }
}
