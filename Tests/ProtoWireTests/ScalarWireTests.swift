import ProtoWire
import Testing

/// Fixed-width, floating-point, bool, string, bytes and enum fields, byte for byte.
@Suite struct ScalarWireTests {
    @Test func fixed32AndFixed64AreLittleEndian() throws {
        var m = Scalars()
        m.f32 = 0x0403_0201
        m.f64 = 0x0807_0605_0403_0201
        let bytes = hex("3d 01 02 03 04 41 01 02 03 04 05 06 07 08")
        #expect(m.serializedBytes() == bytes)
        let back = try Scalars(serializedBytes: bytes)
        #expect(back.f32 == 0x0403_0201)
        #expect(back.f64 == 0x0807_0605_0403_0201)
    }

    @Test func fixedExtremes() throws {
        var m = Scalars()
        m.f32 = .max
        m.f64 = .max
        m.sf32 = -1
        m.sf64 = .min
        let bytes = hex("3d ff ff ff ff 41 ff ff ff ff ff ff ff ff 4d ff ff ff ff 51 00 00 00 00 00 00 00 80")
        #expect(m.serializedBytes() == bytes)
        #expect(try Scalars(serializedBytes: bytes) == m)
        m.sf32 = .min
        m.sf64 = .max
        #expect(m.serializedBytes().suffix(14) == hex("4d 00 00 00 80 51 ff ff ff ff ff ff ff 7f"))
        #expect(try Scalars(serializedBytes: m.serializedBytes()) == m)
    }

    @Test func floatAndDouble() throws {
        var m = Scalars()
        m.flt = 1.5
        m.dbl = -2.25
        let bytes = hex("5d 00 00 c0 3f 61 00 00 00 00 00 00 02 c0")
        #expect(m.serializedBytes() == bytes)
        #expect(try Scalars(serializedBytes: bytes) == m)
    }

    @Test func negativeZeroIsWrittenAndKeepsItsSign() throws {
        var m = Scalars()
        m.flt = -0.0
        m.dbl = -0.0
        let bytes = hex("5d 00 00 00 80 61 00 00 00 00 00 00 00 80")
        #expect(m.serializedBytes() == bytes)
        #expect(m.serializedSize == bytes.count)
        let back = try Scalars(serializedBytes: bytes)
        #expect(back.flt.sign == .minus && back.flt == 0)
        #expect(back.dbl.sign == .minus && back.dbl == 0)
        m.flt = 0.0
        m.dbl = 0.0
        #expect(m.serializedBytes().isEmpty)
    }

    @Test func nanAndInfinitiesKeepTheirBits() throws {
        var m = Scalars()
        m.flt = .nan
        m.dbl = .infinity
        var bytes = m.serializedBytes()
        #expect(bytes == hex("5d 00 00 c0 7f 61 00 00 00 00 00 00 f0 7f"))
        var back = try Scalars(serializedBytes: bytes)
        #expect(back.flt.isNaN)
        #expect(back.flt.bitPattern == Float.nan.bitPattern)
        #expect(back.dbl == .infinity)

        m.flt = -.infinity
        m.dbl = Double(bitPattern: 0x7FF0_0000_0000_0001)  // a signalling NaN payload
        bytes = m.serializedBytes()
        #expect(bytes == hex("5d 00 00 80 ff 61 01 00 00 00 00 00 f0 7f"))
        back = try Scalars(serializedBytes: bytes)
        #expect(back.flt == -.infinity)
        #expect(back.dbl.bitPattern == 0x7FF0_0000_0000_0001)
        #expect(back.serializedBytes() == bytes)
    }

    @Test func boolReadsAnyNonZeroAsTrue() throws {
        var m = Scalars()
        m.flag = true
        #expect(m.serializedBytes() == hex("68 01"))
        #expect(try Scalars(serializedBytes: hex("68 01")).flag)
        #expect(try Scalars(serializedBytes: hex("68 02")).flag)
        #expect(try Scalars(serializedBytes: hex("68 80 80 80 80 80 80 80 80 80 01")).flag)
        #expect(try !Scalars(serializedBytes: hex("68 00")).flag)
        // Re-encoding normalises to 1.
        #expect(try Scalars(serializedBytes: hex("68 05")).serializedBytes() == hex("68 01"))
    }

    @Test func bytesAndStrings() throws {
        var m = Scalars()
        m.text = "héllo ✉️"
        m.data = [0, 0xFF, 0x80]
        let utf8 = Array("héllo ✉️".utf8)
        let bytes = [0x72, UInt8(utf8.count)] + utf8 + hex("7a 03 00 ff 80")
        #expect(m.serializedBytes() == bytes)
        #expect(try Scalars(serializedBytes: bytes) == m)
        #expect(try Scalars(serializedBytes: hex("72 00 7a 00")) == Scalars())
    }

    @Test func longStringHasATwoByteLength() throws {
        var m = Scalars()
        m.text = String(repeating: "x", count: 300)
        let bytes = m.serializedBytes()
        #expect(bytes.prefix(3) == [0x72, 0xAC, 0x02])
        #expect(bytes.count == 303)
        #expect(m.serializedSize == 303)
        #expect(try Scalars(serializedBytes: bytes).text == m.text)
    }

    @Test func enumValues() throws {
        var m = Scalars()
        m.color = .green
        #expect(m.serializedBytes() == hex("80 01 02"))
        m.color = .minusOne
        #expect(m.serializedBytes() == hex("80 01 ff ff ff ff ff ff ff ff ff 01"))
        #expect(try Scalars(serializedBytes: m.serializedBytes()).color == .minusOne)
    }

    @Test func unknownEnumValueIsPreservedAndReEncoded() throws {
        let bytes = hex("80 01 2a")
        let m = try Scalars(serializedBytes: bytes)
        #expect(m.color == .unrecognized(42))
        #expect(m.unknownFields.isEmpty)
        #expect(m.serializedBytes() == bytes)
        let negative = hex("80 01 f6 ff ff ff ff ff ff ff ff 01")
        #expect(try Scalars(serializedBytes: negative).color == .unrecognized(-10))
        #expect(try Scalars(serializedBytes: negative).serializedBytes() == negative)
    }

    @Test func everyScalarAtOnce() throws {
        var m = Scalars()
        m.i32 = -5
        m.i64 = -6
        m.u32 = 7
        m.u64 = 8
        m.s32 = -9
        m.s64 = 10
        m.f32 = 11
        m.f64 = 12
        m.sf32 = -13
        m.sf64 = -14
        m.flt = 15
        m.dbl = 16
        m.flag = true
        m.text = "a"
        m.data = [1]
        m.color = .red
        m.child = Test1(a: 1)
        let bytes = m.serializedBytes()
        #expect(bytes == hex("""
            08 fb ff ff ff ff ff ff ff ff 01  10 fa ff ff ff ff ff ff ff ff 01  18 07  20 08  28 11  30 14
            3d 0b 00 00 00  41 0c 00 00 00 00 00 00 00  4d f3 ff ff ff  51 f2 ff ff ff ff ff ff ff
            5d 00 00 70 41  61 00 00 00 00 00 00 30 40  68 01  72 01 61  7a 01 01  80 01 01
            8a 01 02 08 01
            """))
        #expect(m.serializedSize == bytes.count)
        #expect(try Scalars(serializedBytes: bytes) == m)
    }

    @Test func lastValueWinsForSingularScalars() throws {
        let bytes = hex("08 01 08 02 72 01 61 72 01 62 5d 00 00 80 3f 5d 00 00 00 40 80 01 01 80 01 02")
        let m = try Scalars(serializedBytes: bytes)
        #expect(m.i32 == 2)
        #expect(m.text == "b")
        #expect(m.flt == 2)
        #expect(m.color == .green)
        // A later default value also wins (and is then not written).
        #expect(try Scalars(serializedBytes: hex("08 05 08 00")).i32 == 0)
    }

    @Test func messageFieldAppearingTwiceMerges() throws {
        // child = {a: 1, unknown 2: 5}, then child = {unknown 3: 7}: the second merges into the first.
        let bytes = hex("8a 01 04 08 01 10 05  8a 01 02 18 07")
        let m = try Scalars(serializedBytes: bytes)
        var expected = Test1(a: 1)
        expected.unknownFields = try Test1(serializedBytes: hex("10 05 18 07")).unknownFields
        #expect(m.child == expected)
        // A later scalar in the second copy replaces the first.
        #expect(try Scalars(serializedBytes: hex("8a 01 02 08 01 8a 01 02 08 02")).child == Test1(a: 2))
    }

    @Test func mergeSerializedBytesMerges() throws {
        var m = Scalars()
        m.i32 = 1
        m.text = "keep"
        try m.merge(serializedBytes: hex("08 02 8a 01 02 08 03"))
        #expect(m.i32 == 2)
        #expect(m.text == "keep")
        #expect(m.child == Test1(a: 3))
    }
}
