// Seeded random values of the test messages, for the property tests.
import ProtoWire

/// SplitMix64: a tiny, fast, seedable generator, so that every failure reproduces from its seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension SplitMix64 {
    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }

    /// A count in `0...max`, biased toward small values.
    mutating func count(_ max: Int) -> Int { chance(0.3) ? 0 : Int.random(in: 0...max, using: &self) }

    /// An integer that is often at a varint size boundary or an extreme.
    mutating func interesting<T: FixedWidthInteger>(_: T.Type) -> T {
        switch Int.random(in: 0..<6, using: &self) {
        case 0: return [T.min, T.max, 0, 1, T(truncatingIfNeeded: -1)].randomElement(using: &self)!
        case 1:
            let shift = Int.random(in: 0..<T.bitWidth, using: &self)
            return T(truncatingIfNeeded: (UInt64(1) << UInt64(shift)) &- UInt64.random(in: 0...1, using: &self))
        case 2: return T(truncatingIfNeeded: Int.random(in: -200...200, using: &self))
        default: return T(truncatingIfNeeded: next())
        }
    }

    /// Any float except NaN (NaN is never equal to itself, so it is tested separately).
    mutating func float() -> Float {
        if chance(0.2) { return [0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude].randomElement(using: &self)! }
        let value = Float(bitPattern: UInt32(truncatingIfNeeded: next()))
        return value.isNaN ? 1.5 : value
    }

    /// Any double except NaN.
    mutating func double() -> Double {
        if chance(0.2) { return [0, -0.0, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude].randomElement(using: &self)! }
        let value = Double(bitPattern: next())
        return value.isNaN ? -2.5 : value
    }

    /// A string mixing ASCII, multi-byte scalars and the edges of the Unicode range.
    mutating func string() -> String {
        let pool: [Unicode.Scalar] = ["a", "Z", "0", " ", "\0", "\u{7F}", "\u{80}", "é", "\u{7FF}", "\u{800}", "✉",
                                      "\u{D7FF}", "\u{E000}", "\u{FEFF}", "\u{FFFF}", "\u{10000}", "😀", "\u{10FFFF}"]
        var s = String.UnicodeScalarView()
        for _ in 0..<count(12) { s.append(pool.randomElement(using: &self)!) }
        return String(s)
    }

    mutating func bytes() -> [UInt8] { (0..<count(12)).map { _ in UInt8.random(in: 0...255, using: &self) } }

    mutating func color() -> Color {
        if chance(0.3) { return Color(rawValue: interesting(Int32.self)) }  // often .unrecognized
        return [.unspecified, .red, .green, .minusOne].randomElement(using: &self)!
    }

    mutating func array<T>(_ max: Int, _ make: (inout SplitMix64) -> T) -> [T] {
        (0..<count(max)).map { _ in make(&self) }
    }

    mutating func optional<T>(_ make: (inout SplitMix64) -> T) -> T? { chance(0.5) ? make(&self) : nil }

    /// Unknown fields with numbers no test message uses (100 and up), every wire type, groups included.
    mutating func unknownFields() -> UnknownFields {
        guard chance(0.3) else { return UnknownFields() }
        var bytes: [UInt8] = []
        for _ in 0..<Int.random(in: 1...3, using: &self) {
            let number = UInt64.random(in: 100...UInt64(FieldTag.maxFieldNumber), using: &self)
            switch Int.random(in: 0..<5, using: &self) {
            case 0: bytes += key(number, 0) + varint(interesting(UInt64.self))
            case 1: bytes += key(number, 1) + (0..<8).map { _ in UInt8.random(in: 0...255, using: &self) }
            case 2: bytes += lengthDelimited(number, self.bytes())
            case 3: bytes += key(number, 3) + key(1, 0) + [0x01] + key(number, 4)
            default: bytes += key(number, 5) + (0..<4).map { _ in UInt8.random(in: 0...255, using: &self) }
            }
        }
        // Parse them through an empty message so they are stored exactly as a decoder would.
        return (try? Google.Protobuf.Empty(serializedBytes: bytes).unknownFields) ?? UnknownFields()
    }
}

extension Test1 {
    static func random(using g: inout SplitMix64) -> Test1 {
        var m = Test1(a: g.interesting(Int32.self))
        m.unknownFields = g.unknownFields()
        return m
    }
}

extension Scalars {
    static func random(using g: inout SplitMix64) -> Scalars {
        var m = Scalars()
        m.i32 = g.interesting(Int32.self)
        m.i64 = g.interesting(Int64.self)
        m.u32 = g.interesting(UInt32.self)
        m.u64 = g.interesting(UInt64.self)
        m.s32 = g.interesting(Int32.self)
        m.s64 = g.interesting(Int64.self)
        m.f32 = g.interesting(UInt32.self)
        m.f64 = g.interesting(UInt64.self)
        m.sf32 = g.interesting(Int32.self)
        m.sf64 = g.interesting(Int64.self)
        m.flt = g.float()
        m.dbl = g.double()
        m.flag = g.chance(0.5)
        m.text = g.string()
        m.data = g.bytes()
        m.color = g.color()
        m.child = g.optional { Test1.random(using: &$0) }
        m.unknownFields = g.unknownFields()
        return m
    }
}

extension Optionals {
    static func random(using g: inout SplitMix64) -> Optionals {
        var m = Optionals()
        m.i32 = g.optional { $0.interesting(Int32.self) }
        m.i64 = g.optional { $0.interesting(Int64.self) }
        m.u32 = g.optional { $0.interesting(UInt32.self) }
        m.u64 = g.optional { $0.interesting(UInt64.self) }
        m.s32 = g.optional { $0.interesting(Int32.self) }
        m.s64 = g.optional { $0.interesting(Int64.self) }
        m.f32 = g.optional { $0.interesting(UInt32.self) }
        m.f64 = g.optional { $0.interesting(UInt64.self) }
        m.sf32 = g.optional { $0.interesting(Int32.self) }
        m.sf64 = g.optional { $0.interesting(Int64.self) }
        m.flt = g.optional { $0.float() }
        m.dbl = g.optional { $0.double() }
        m.flag = g.optional { $0.chance(0.5) }
        m.text = g.optional { $0.string() }
        m.data = g.optional { $0.bytes() }
        m.color = g.optional { $0.color() }
        m.unknownFields = g.unknownFields()
        return m
    }
}

extension Repeateds {
    static func random(using g: inout SplitMix64) -> Repeateds {
        var m = Repeateds()
        m.i32 = g.array(6) { $0.interesting(Int32.self) }
        m.i64 = g.array(6) { $0.interesting(Int64.self) }
        m.u32 = g.array(6) { $0.interesting(UInt32.self) }
        m.u64 = g.array(6) { $0.interesting(UInt64.self) }
        m.s32 = g.array(6) { $0.interesting(Int32.self) }
        m.s64 = g.array(6) { $0.interesting(Int64.self) }
        m.f32 = g.array(6) { $0.interesting(UInt32.self) }
        m.f64 = g.array(6) { $0.interesting(UInt64.self) }
        m.sf32 = g.array(6) { $0.interesting(Int32.self) }
        m.sf64 = g.array(6) { $0.interesting(Int64.self) }
        m.flt = g.array(6) { $0.float() }
        m.dbl = g.array(6) { $0.double() }
        m.flag = g.array(6) { $0.chance(0.5) }
        m.text = g.array(4) { $0.string() }
        m.data = g.array(4) { $0.bytes() }
        m.color = g.array(6) { $0.color() }
        m.children = g.array(3) { Test1.random(using: &$0) }
        m.unknownFields = g.unknownFields()
        return m
    }
}

extension Maps {
    static func random(using g: inout SplitMix64) -> Maps {
        func map<K: Hashable, V>(_ g: inout SplitMix64, _ k: (inout SplitMix64) -> K, _ v: (inout SplitMix64) -> V) -> [K: V] {
            var out: [K: V] = [:]
            for _ in 0..<g.count(4) { out[k(&g)] = v(&g) }
            return out
        }
        var m = Maps()
        m.labels = map(&g, { $0.string() }, { $0.string() })
        m.counts = map(&g, { $0.interesting(Int32.self) }, { $0.interesting(Int64.self) })
        m.weights = map(&g, { $0.interesting(Int64.self) }, { $0.double() })
        m.ratios = map(&g, { $0.interesting(UInt32.self) }, { $0.float() })
        m.flags = map(&g, { $0.interesting(UInt64.self) }, { $0.chance(0.5) })
        m.blobs = map(&g, { $0.string() }, { $0.bytes() })
        m.colors = map(&g, { $0.string() }, { $0.color() })
        m.children = map(&g, { $0.interesting(Int32.self) }, { Test1.random(using: &$0) })
        m.unknownFields = g.unknownFields()
        return m
    }
}

extension Oneofs {
    static func random(using g: inout SplitMix64) -> Oneofs {
        var m = Oneofs()
        m.name = g.string()
        switch Int.random(in: 0..<7, using: &g) {
        case 0: m.choice = .number(g.interesting(Int32.self))
        case 1: m.choice = .label(g.string())
        case 2: m.choice = .child(Test1.random(using: &g))
        case 3: m.choice = .color(g.color())
        case 4: m.choice = .blob(g.bytes())
        case 5: m.choice = .real(g.double())
        default: m.choice = nil
        }
        m.after = g.interesting(Int32.self)
        m.unknownFields = g.unknownFields()
        return m
    }
}

extension Node {
    /// A random tree at most `depth` levels deep (map values count two levels, as on the wire).
    static func random(using g: inout SplitMix64, depth: Int = 6) -> Node {
        var m = Node()
        m.value = g.interesting(Int32.self)
        if depth >= 1 { m.children = g.array(2) { Node.random(using: &$0, depth: depth - 1) } }
        if depth >= 2 && g.chance(0.3) { m.named = [g.string(): Node.random(using: &g, depth: depth - 2)] }
        m.unknownFields = g.unknownFields()
        return m
    }
}
