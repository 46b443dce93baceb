// Byte-level mutations of valid encodings, and the decode/re-encode check they feed.
import ProtoWire

extension SplitMix64 {
    /// `bytes` with one to three random edits: bit flips, truncations, insertions, deletions,
    /// duplicated slices, boundary bytes written in place, or a splice with `other`.
    mutating func mutate(_ bytes: [UInt8], other: [UInt8]) -> [UInt8] {
        var out = bytes
        for _ in 0..<Int.random(in: 1...3, using: &self) {
            let position = out.isEmpty ? 0 : Int.random(in: 0..<out.count, using: &self)
            switch Int.random(in: 0..<8, using: &self) {
            case 0 where !out.isEmpty:
                out[position] ^= 1 << UInt8.random(in: 0..<8, using: &self)
            case 1:
                out = Array(out.prefix(Int.random(in: 0...out.count, using: &self)))
            case 2:
                let insert = (0..<Int.random(in: 1...4, using: &self)).map { _ in UInt8.random(in: 0...255, using: &self) }
                out.insert(contentsOf: insert, at: position)
            case 3 where !out.isEmpty:
                let end = Int.random(in: position...out.count, using: &self)
                out.insert(contentsOf: out[position..<end], at: end)
            case 4 where !out.isEmpty:
                let end = Int.random(in: position...min(out.count, position + 4), using: &self)
                out.removeSubrange(position..<end)
            case 5 where !out.isEmpty:
                out[position] = [0x00, 0x01, 0x7F, 0x80, 0xFF, 0x0C, 0x13, 0x0F].randomElement(using: &self)!
            case 6:
                let cut = Int.random(in: 0...other.count, using: &self)
                out = Array(out.prefix(position)) + other.suffix(from: cut)
            default:
                out += out  // the same fields again: last-one-wins, merges, appends
            }
        }
        return out
    }
}

/// What went wrong when `bytes` decoded as `M`, or nil when every property held.
///
/// Decoding may fail, but only with a ``ProtoDecodingError`` (typed throws: a trap would crash the
/// test process). When it succeeds, the message must re-encode to bytes of its `serializedSize`
/// that decode to an equal value and re-encode identically.
func roundTripViolation<M: ProtoMessage>(_: M.Type, _ bytes: [UInt8], options: DecodingOptions) -> String? {
    let first: M
    do throws(ProtoDecodingError) {
        first = try M(serializedBytes: bytes, options: options)
    } catch {
        return nil
    }
    let encoded = first.serializedBytes()
    if first.serializedSize != encoded.count {
        return "\(M.self): serializedSize \(first.serializedSize) != \(encoded.count) bytes written"
    }
    let second: M
    do throws(ProtoDecodingError) {
        second = try M(serializedBytes: encoded, options: options)
    } catch {
        return "\(M.self): re-encoding \(hexString(encoded)) does not decode: \(error)"
    }
    // A message holding NaN is not equal to itself; its bytes are still compared. (`first == first`
    // would not tell: arrays that share storage compare equal without comparing elements.)
    if second != first && (try? M(serializedBytes: bytes, options: options)) == first {
        return "\(M.self): re-decoded value differs from the first decode"
    }
    let again = second.serializedBytes()
    if again != encoded {
        return "\(M.self): second encoding \(hexString(again)) != first \(hexString(encoded))"
    }
    return nil
}
