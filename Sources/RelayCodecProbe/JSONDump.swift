import ProtoWire

/// A property wrapper's storage that holds one boxed field value (see ``Indirect``); the dump
/// looks through it to the value.
protocol BoxedFieldStorage {
    /// The wrapped value, as `Optional<Wrapped>` in an `Any`.
    var boxedValue: Any { get }
}

/// Why a message could not be dumped: a property of a Swift type the dump does not know.
struct DumpError: Error, CustomStringConvertible {
    let description: String
}

/// The normalized JSON dump of probe-protocol.md, built generically with `Mirror` over the
/// message struct: property names map to proto field names by ``FieldNames``, `Optional` means
/// presence, `any ProtoEnum` is its number, `any ProtoMessage` recurses, and a property holding a
/// plain Swift enum (a oneof) is flattened to its case name and payload.
enum JSONDump {
    /// The dump of `message` as one line of JSON.
    static func dump(_ message: any ProtoMessage) throws(DumpError) -> String {
        try object(message)
    }

    /// A message as a JSON object.
    static func object(_ message: any ProtoMessage) throws(DumpError) -> String {
        var entries: [(key: String, json: String)] = []
        for child in Mirror(reflecting: message).children {
            guard let label = child.label else { continue }
            if let unknown = child.value as? UnknownFields {
                if !unknown.isEmpty { entries.append(("__unknown__", quoted(Base64.encode(unknown.bytes)))) }
                continue
            }
            var value = child.value
            if let box = value as? any BoxedFieldStorage { value = box.boxedValue }
            if let entry = try field(FieldNames.protoName(label), value, present: false) {
                entries.append(entry)
            }
        }
        var w = JSONWriter()
        w.raw("{")
        for (i, entry) in entries.enumerated() {
            if i > 0 { w.raw(",") }
            w.string(entry.key)
            w.raw(":")
            w.raw(entry.json)
        }
        w.raw("}")
        return w.text
    }

    /// The entry of one field, or nil when the field is absent (unset, default without presence,
    /// or an empty repeated field or map).
    static func field(_ name: String, _ value: Any, present: Bool) throws(DumpError) -> (key: String, json: String)? {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return nil }
            return try field(name, wrapped, present: true)
        }
        if value is any ProtoEnum || value is any ProtoMessage || isBytes(value) {
            return try scalarEntry(name, value, present: present)
        }
        switch mirror.displayStyle {
        case .enum?:
            // A oneof: the case is the member field, the payload its value (always present).
            guard let member = mirror.children.first, let label = member.label else {
                throw DumpError(description: "field \(name): enum \(type(of: value)) is not a oneof with payloads")
            }
            return try field(FieldNames.protoName(label), member.value, present: true)
        case .collection?:
            guard !mirror.children.isEmpty else { return nil }
            var items: [String] = []
            for element in mirror.children { items.append(try scalar(element.value, field: name).json) }
            return (name, "[" + items.joined(separator: ",") + "]")
        case .dictionary?:
            guard !mirror.children.isEmpty else { return nil }
            var items: [(key: String, json: String)] = []
            for entry in mirror.children {
                let pair = Array(Mirror(reflecting: entry.value).children)
                guard pair.count == 2 else { throw DumpError(description: "field \(name): malformed map entry") }
                items.append((try mapKey(pair[0].value, field: name), try scalar(pair[1].value, field: name).json))
            }
            items.sort { $0.key < $1.key }
            var w = JSONWriter()
            w.raw("{")
            for (i, item) in items.enumerated() {
                if i > 0 { w.raw(",") }
                w.string(item.key)
                w.raw(":")
                w.raw(item.json)
            }
            w.raw("}")
            return (name, w.text)
        default:
            return try scalarEntry(name, value, present: present)
        }
    }

    /// A singular value's entry: left out when it is the default and the field has no presence.
    private static func scalarEntry(_ name: String, _ value: Any, present: Bool) throws(DumpError) -> (key: String, json: String)? {
        let rendered = try scalar(value, field: name)
        if rendered.isDefault && !present { return nil }
        return (name, rendered.json)
    }

    /// One value as JSON, and whether it is its type's default.
    static func scalar(_ value: Any, field: String) throws(DumpError) -> (json: String, isDefault: Bool) {
        var w = JSONWriter()
        let isDefault: Bool
        switch value {
        case let v as Int32: w.integer(v); isDefault = v == 0
        case let v as Int64: w.integer(v); isDefault = v == 0
        case let v as UInt32: w.integer(v); isDefault = v == 0
        case let v as UInt64: w.integer(v); isDefault = v == 0
        case let v as Bool: w.bool(v); isDefault = !v
        case let v as Float: w.double(Double(v)); isDefault = v.bitPattern == 0
        case let v as Double: w.double(v); isDefault = v.bitPattern == 0
        case let v as String: w.string(v); isDefault = v.isEmpty
        case let v as [UInt8] where isBytes(value): w.string(Base64.encode(v)); isDefault = v.isEmpty
        case let v as any ProtoEnum: w.integer(v.rawValue); isDefault = v.rawValue == 0
        case let v as any ProtoMessage: w.raw(try object(v)); isDefault = false
        default:
            throw DumpError(description: "field \(field): unsupported Swift type \(type(of: value))")
        }
        return (w.text, isDefault)
    }

    /// A map key as the JSON object key: integers in decimal, bools as `true`/`false`.
    private static func mapKey(_ key: Any, field: String) throws(DumpError) -> String {
        switch key {
        case let k as String: return k
        case let k as Int32: return String(k)
        case let k as Int64: return String(k)
        case let k as UInt32: return String(k)
        case let k as UInt64: return String(k)
        case let k as Bool: return k ? "true" : "false"
        default: throw DumpError(description: "field \(field): unsupported map key type \(type(of: key))")
        }
    }

    /// Whether `value` is a `bytes` value. Checked by exact type: an empty array of any element
    /// type would also cast to `[UInt8]`.
    private static func isBytes(_ value: Any) -> Bool { type(of: value) == [UInt8].self }

    private static func quoted(_ s: String) -> String {
        var w = JSONWriter()
        w.string(s)
        return w.text
    }
}
