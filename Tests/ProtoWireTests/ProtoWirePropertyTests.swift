import ProtoWire
import Testing

/// Seeded random messages and byte strings: round trips hold and hostile bytes never trap.
///
/// Every failure prints its seed and case number; rerun one with `--filter ProtoWirePropertyTests`
/// after narrowing `seeds` to it.
@Suite struct ProtoWirePropertyTests {
    /// Fixed seeds, one test case each (they run in parallel).
    static let seeds: [UInt64] = [0x5EED_0001, 0x5EED_0002, 0x5EED_0003, 0x5EED_0004]

    /// Every test message type (and some well-known types) that mutated bytes are decoded as.
    static let types: [any ProtoMessage.Type] = [
        Test1.self, Test3.self, Test4.self, Scalars.self, Optionals.self, Repeateds.self, Maps.self,
        Oneofs.self, Node.self, Google.Protobuf.Struct.self, Google.Protobuf.Any.self,
        Google.Protobuf.Timestamp.self, Google.Protobuf.FieldMask.self,
    ]

    /// Decoding limits for hostile bytes. Map-of-message nesting costs exponential time to
    /// re-encode (see EncodingCostWireTests), so recursion is kept shallow here.
    static let options = DecodingOptions(maxDepth: 12)

    /// One random valid encoding of a random test message type.
    static func randomEncoding(using g: inout SplitMix64) -> [UInt8] {
        switch Int.random(in: 0..<7, using: &g) {
        case 0: Scalars.random(using: &g).serializedBytes()
        case 1: Optionals.random(using: &g).serializedBytes()
        case 2: Repeateds.random(using: &g).serializedBytes()
        case 3: Maps.random(using: &g).serializedBytes()
        case 4: Oneofs.random(using: &g).serializedBytes()
        case 5: Node.random(using: &g, depth: 4).serializedBytes()
        default: Test1.random(using: &g).serializedBytes()
        }
    }

    /// Encodes `count` random `M`s and checks each decodes to an equal value, with exact sizes.
    private func roundTrips<M: ProtoMessage>(
        _: M.Type, seed: UInt64, count: Int, _ make: (inout SplitMix64) -> M
    ) {
        var g = SplitMix64(seed: seed)
        for index in 0..<count {
            let message = make(&g)
            let bytes = message.serializedBytes()
            let context = "\(M.self) seed \(seed) case \(index): \(hexString(bytes))"
            var problem: String?
            switch M.decodeResult(bytes) {
            case .success(let decoded):
                if message.serializedSize != bytes.count { problem = "serializedSize \(message.serializedSize)" }
                if decoded != message { problem = "decoded value differs" }
                if decoded.serializedBytes() != bytes { problem = "re-encoding differs" }
            case .failure(let error):
                problem = "failed to decode: \(error)"
            }
            if let problem {
                Issue.record("\(context): \(problem)")
                return  // one report per type and seed is enough
            }
        }
    }

    @Test(arguments: seeds)
    func randomMessagesRoundTrip(seed: UInt64) {
        roundTrips(Test1.self, seed: seed, count: 100) { Test1.random(using: &$0) }
        roundTrips(Scalars.self, seed: seed, count: 150) { Scalars.random(using: &$0) }
        roundTrips(Optionals.self, seed: seed, count: 150) { Optionals.random(using: &$0) }
        roundTrips(Repeateds.self, seed: seed, count: 100) { Repeateds.random(using: &$0) }
        roundTrips(Maps.self, seed: seed, count: 100) { Maps.random(using: &$0) }
        roundTrips(Oneofs.self, seed: seed, count: 150) { Oneofs.random(using: &$0) }
        roundTrips(Node.self, seed: seed, count: 50) { Node.random(using: &$0) }
    }

    @Test(arguments: seeds)
    func encodingIsDeterministicAndSizeIsExact(seed: UInt64) throws {
        var g = SplitMix64(seed: seed ^ 0xD5)
        for index in 0..<200 {
            let bytes = Self.randomEncoding(using: &g)
            // Re-decoding as a message that knows nothing keeps every byte, in order.
            let empty = try Google.Protobuf.Empty(serializedBytes: bytes)
            #expect(empty.serializedBytes() == bytes, "seed \(seed) case \(index)")
            #expect(empty.serializedSize == bytes.count, "seed \(seed) case \(index)")
        }
    }

    @Test(arguments: seeds)
    func randomBytesNeverTrap(seed: UInt64) {
        var g = SplitMix64(seed: seed ^ 0xB17E5)
        for index in 0..<400 {
            let length = Int.random(in: 0...48, using: &g)
            var bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &g) }
            // Half the time, start with a plausible tag so decoding gets past the first byte.
            if g.chance(0.5), !bytes.isEmpty { bytes[0] = UInt8(Int.random(in: 1...17, using: &g) << 3) | UInt8.random(in: 0...5, using: &g) }
            for type in Self.types {
                if let violation = roundTripViolation(type, bytes, options: Self.options) {
                    Issue.record("seed \(seed) case \(index) \(hexString(bytes)): \(violation)")
                    return
                }
            }
        }
    }

    @Test(arguments: seeds)
    func mutatedEncodingsNeverTrap(seed: UInt64) {
        var g = SplitMix64(seed: seed ^ 0x3117A7E)
        var decodedCount = 0
        for index in 0..<600 {
            let valid = Self.randomEncoding(using: &g)
            let other = Self.randomEncoding(using: &g)
            let bytes = g.mutate(valid, other: other)
            for type in Self.types {
                if let violation = roundTripViolation(type, bytes, options: Self.options) {
                    Issue.record("seed \(seed) case \(index) \(hexString(bytes)): \(violation)")
                    return
                }
            }
            if case .success = Scalars.decodeResult(bytes, options: Self.options) { decodedCount += 1 }
        }
        // The mutations are not all fatal: a fair share still decodes.
        #expect(decodedCount > 30, "seed \(seed): only \(decodedCount) of 600 mutations decoded as Scalars")
    }

    @Test(arguments: seeds)
    func truncationsOfValidEncodingsFailCleanly(seed: UInt64) {
        var g = SplitMix64(seed: seed ^ 0x7A11)
        for index in 0..<60 {
            let bytes = Self.randomEncoding(using: &g)
            // Every prefix decodes or throws; none traps.
            for cut in 0..<bytes.count {
                let prefix = Array(bytes.prefix(cut))
                for type in [Scalars.self, Repeateds.self, Maps.self, Node.self] as [any ProtoMessage.Type] {
                    if let violation = roundTripViolation(type, prefix, options: Self.options) {
                        Issue.record("seed \(seed) case \(index) cut \(cut) \(hexString(prefix)): \(violation)")
                        return
                    }
                }
            }
        }
    }

    @Test(arguments: seeds)
    func nanSurvivesARoundTripBitForBit(seed: UInt64) throws {
        var g = SplitMix64(seed: seed ^ 0x7A7)
        for _ in 0..<50 {
            var m = Scalars()
            m.flt = Float(bitPattern: 0x7F80_0000 | UInt32.random(in: 1...0x7F_FFFF, using: &g) | (g.chance(0.5) ? 0x8000_0000 : 0))
            m.dbl = Double(bitPattern: 0x7FF0_0000_0000_0000 | UInt64.random(in: 1...0xF_FFFF_FFFF_FFFF, using: &g))
            #expect(m.flt.isNaN && m.dbl.isNaN)
            let back = try Scalars(serializedBytes: m.serializedBytes())
            #expect(back.flt.bitPattern == m.flt.bitPattern, "seed \(seed)")
            #expect(back.dbl.bitPattern == m.dbl.bitPattern, "seed \(seed)")
        }
    }
}
