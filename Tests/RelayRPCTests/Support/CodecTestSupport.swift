import ProtoWire
import Testing

/// Bytes from hex text, spaces ignored: `hex("08 01")`.
func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.filter { !$0.isWhitespace })
    precondition(digits.count % 2 == 0, "odd number of hex digits")
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
}

/// A length-delimited string field: tag, one-byte length, UTF-8 bytes (for strings under 128 bytes).
func stringField(_ field: Int, _ value: String) -> [UInt8] {
    let utf8 = Array(value.utf8)
    precondition(utf8.count < 128 && field < 16)
    return [UInt8(field << 3 | 2), UInt8(utf8.count)] + utf8
}

/// A length-delimited field wrapping `body` (for bodies under 128 bytes).
func lengthDelimited(_ field: Int, _ body: [UInt8]) -> [UInt8] {
    precondition(body.count < 128 && field < 16)
    return [UInt8(field << 3 | 2), UInt8(body.count)] + body
}

/// Encodes `message`, checks that the size is exact, decodes it back and checks that the result
/// equals the original and re-encodes to the same bytes. Returns the bytes.
@discardableResult
func expectRoundTrip<M: ProtoMessage>(
    _ message: M, sourceLocation: SourceLocation = #_sourceLocation
) throws -> [UInt8] {
    let bytes = message.serializedBytes()
    #expect(bytes.count == message.serializedSize, "size of \(M.protoMessageName)", sourceLocation: sourceLocation)
    let decoded = try M(serializedBytes: bytes)
    #expect(decoded == message, "round trip of \(M.protoMessageName)", sourceLocation: sourceLocation)
    #expect(decoded.serializedBytes() == bytes, "re-encoding of \(M.protoMessageName)", sourceLocation: sourceLocation)
    return bytes
}

/// The stored properties of `value` (recursively, through nested messages, arrays, dictionaries
/// and enum payloads) that hold their default: nil, "", empty, zero, false or a zero enum. A
/// fully populated fixture has none. `unknownFields` is not a field and is skipped.
func unsetFields(of value: Any, path: String = "") -> [String] {
    var unset: [String] = []
    for child in Mirror(reflecting: value).children {
        guard let label = child.label, label != "unknownFields" else { continue }
        let childPath = path.isEmpty ? label : path + "." + label
        unset += unsetValue(child.value, path: childPath)
    }
    return unset
}

private func unsetValue(_ value: Any, path: String) -> [String] {
    switch value {
    case let v as String: return v.isEmpty ? [path] : []
    case let v as Bool: return v ? [] : [path]
    case let v as Int32: return v == 0 ? [path] : []
    case let v as Int64: return v == 0 ? [path] : []
    case let v as UInt32: return v == 0 ? [path] : []
    case let v as UInt64: return v == 0 ? [path] : []
    case let v as Double: return v == 0 ? [path] : []
    case let v as Float: return v == 0 ? [path] : []
    case let v as [UInt8]: return v.isEmpty ? [path] : []
    case let v as any ProtoEnum: return v.rawValue == 0 ? [path] : []
    case let v as any ProtoMessage: return unsetFields(of: v, path: path)
    default: break
    }
    let mirror = Mirror(reflecting: value)
    switch mirror.displayStyle {
    case .optional:
        guard let wrapped = mirror.children.first?.value else { return [path] }
        return unsetValue(wrapped, path: path)
    case .collection, .dictionary, .set:
        if mirror.children.isEmpty { return [path] }
        return mirror.children.enumerated().flatMap { unsetValue($0.element.value, path: "\(path)[\($0.offset)]") }
    case .tuple:  // a dictionary element (key, value)
        return mirror.children.flatMap { unsetValue($0.value, path: path) }
    case .enum:  // a oneof: its case is set; a message payload must itself be populated
        return mirror.children.flatMap { child -> [String] in
            guard let message = child.value as? any ProtoMessage else { return [] }
            return unsetFields(of: message, path: path + "." + (child.label ?? "?"))
        }
    default:
        return []
    }
}
