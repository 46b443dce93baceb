import Testing
import RelayAPI

/// Round-trip checks shared by the codec suites: a value must set every field, have an exact
/// size, and survive decoding and re-encoding unchanged.
enum RoundTrip {

    /// Checks that `value` sets every field, that its size is exact, and that it survives a round trip.
    static func check<M: ProtoMessage>(
        _ value: M, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(unsetFields(of: value) == [], "not fully populated", sourceLocation: sourceLocation)
        let bytes = value.serializedBytes()
        #expect(value.serializedSize == bytes.count, sourceLocation: sourceLocation)
        let decoded = try M(serializedBytes: bytes)
        #expect(decoded == value, sourceLocation: sourceLocation)
        #expect(decoded.serializedBytes() == bytes, sourceLocation: sourceLocation)
    }

    /// The paths of the fields of `message` (recursively) left at their default, or with fewer
    /// than two elements if repeated.
    static func unsetFields(of message: Any, path: String = "") -> [String] {
        var unset: [String] = []
        for child in Mirror(reflecting: message).children {
            guard let label = child.label, label != "unknownFields" else { continue }
            unset += unsetValue(child.value, path: path.isEmpty ? label : path + "." + label)
        }
        return unset
    }

    private static func unsetValue(_ value: Any, path: String) -> [String] {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return [path] }
            return unsetValue(wrapped, path: path)
        }
        switch value {
        case let v as String: return v.isEmpty ? [path] : []
        case let v as Bool: return v ? [] : [path]
        case let v as [UInt8]: return v.isEmpty ? [path] : []
        case let v as any ProtoEnum: return v.rawValue == 0 ? [path] : []
        case let v as any BinaryInteger: return v.trailingZeroBitCount == v.bitWidth ? [path] : []
        case let v as any ProtoMessage: return unsetFields(of: v, path: path)
        case let v as [Any]:
            if v.count < 2 { return [path] }
            return v.enumerated().flatMap { unsetValue($1, path: "\(path)[\($0)]") }
        case let v as [AnyHashable: Any]: return v.count < 2 ? [path] : []
        default:
            // A oneof case: check its payload.
            guard mirror.displayStyle == .enum, let payload = mirror.children.first else { return [] }
            return unsetValue(payload.value, path: path + "." + (payload.label ?? "?"))
        }
    }
}
