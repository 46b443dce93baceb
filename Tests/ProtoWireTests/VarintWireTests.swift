import ProtoWire
import Testing

/// The examples of the protobuf encoding guide, byte for byte.
@Suite struct EncodingGuideWireTests {
    @Test func int32OneFifty() throws {
        var m = Test1()
        m.a = 150
        #expect(m.serializedBytes() == hex("08 96 01"))
        #expect(try Test1(serializedBytes: hex("08 96 01")) == m)
    }

    @Test func stringTesting() throws {
        var m = Test2()
        m.b = "testing"
        #expect(m.serializedBytes() == hex("12 07 74 65 73 74 69 6e 67"))
        #expect(try Test2(serializedBytes: hex("12 07 74 65 73 74 69 6e 67")) == m)
    }

    @Test func embeddedMessage() throws {
        var m = Test3()
        m.c = Test1(a: 150)
        #expect(m.serializedBytes() == hex("1a 03 08 96 01"))
        #expect(try Test3(serializedBytes: hex("1a 03 08 96 01")) == m)
    }

    @Test func emptyEmbeddedMessageIsStillWritten() throws {
        var m = Test3()
        m.c = Test1()
        #expect(m.serializedBytes() == hex("1a 00"))
        #expect(try Test3(serializedBytes: hex("1a 00")).c == Test1())
        #expect(try Test3(serializedBytes: []).c == nil)
    }

    @Test func packedRepeated() throws {
        var m = Test4()
        m.e = [3, 270, 86942]
        #expect(m.serializedBytes() == hex("22 06 03 8E 02 9E A7 05"))
        #expect(try Test4(serializedBytes: hex("22 06 03 8E 02 9E A7 05")).e == [3, 270, 86942])
    }

    @Test func stringThenPacked() throws {
        var m = Test4()
        m.d = "hello"
        m.e = [1, 2, 3]
        #expect(m.serializedBytes() == hex("0a 05 68 65 6c 6c 6f 22 03 01 02 03"))
    }

    @Test func negativeInt32TakesTenBytes() throws {
        let m = Test1(a: -1)
        #expect(m.serializedBytes() == hex("08 ff ff ff ff ff ff ff ff ff 01"))
        #expect(m.serializedSize == 11)
        #expect(try Test1(serializedBytes: hex("08 ff ff ff ff ff ff ff ff ff 01")).a == -1)
        #expect(Test1(a: .min).serializedBytes() == hex("08 80 80 80 80 f8 ff ff ff ff 01"))
    }

    @Test func int32AcceptsAFiveByteNegative() throws {
        // Some encoders write a negative int32 as its 32-bit pattern; it reads the same.
        #expect(try Test1(serializedBytes: hex("08 ff ff ff ff 0f")).a == -1)
        // Bits above 32 are dropped, as protobuf does.
        #expect(try Test1(serializedBytes: hex("08 80 80 80 80 10")).a == 0)
    }

    @Test func defaultsAreNotWritten() {
        #expect(Test1().serializedBytes().isEmpty)
        #expect(Scalars().serializedBytes().isEmpty)
        #expect(Repeateds().serializedBytes().isEmpty)
        #expect(Maps().serializedBytes().isEmpty)
        #expect(Optionals().serializedBytes().isEmpty)
        #expect(Oneofs().serializedBytes().isEmpty)
    }
}

/// Varint sizes and the ZigZag mapping.
@Suite struct VarintWireTests {
    /// Every boundary where the size of a varint changes, with the size on each side.
    static let boundaries: [(UInt64, Int)] = {
        var cases: [(UInt64, Int)] = [(0, 1), (1, 1)]
        for bytes in 1...9 {
            let top = (UInt64(1) << UInt64(7 * bytes)) - 1
            cases.append((top, bytes))
            cases.append((top + 1, bytes + 1))
        }
        cases.append((UInt64(Int64.max), 9))
        cases.append((UInt64(1) << 63, 10))
        cases.append((UInt64.max, 10))
        return cases
    }()

    @Test func varintSizeAtEveryBoundary() {
        #expect(Wire.varintSize(127) == 1)
        #expect(Wire.varintSize(128) == 2)
        #expect(Wire.varintSize((1 << 14) - 1) == 2)
        #expect(Wire.varintSize(1 << 14) == 3)
        for (value, size) in Self.boundaries {
            #expect(Wire.varintSize(value) == size, "varintSize(\(value))")
            #expect(varint(value).count == size, "reference encoder for \(value)")
        }
    }

    @Test func writerMatchesReferenceAndSizeAtEveryBoundary() throws {
        for (value, size) in Self.boundaries {
            var writer = ProtoWriter(capacity: 10)
            writer.writeVarint(value)
            #expect(writer.bytes == varint(value), "value \(value)")
            var counter = SizeCounter()
            counter.writeVarint(value)
            #expect(counter.size == size)
            var reader = try ProtoReader(bytes: writer.bytes)
            #expect(try reader.readVarint() == value)
            #expect(reader.isAtEnd)
        }
    }

    @Test func uint64RoundTripsAtEveryBoundary() throws {
        for (value, size) in Self.boundaries {
            var m = Scalars()
            m.u64 = value
            let bytes = m.serializedBytes()
            #expect(bytes == (value == 0 ? [] : [0x20] + varint(value)))
            #expect(m.serializedSize == bytes.count)
            #expect(value == 0 || bytes.count == 1 + size)
            #expect(try Scalars(serializedBytes: bytes).u64 == value)
        }
    }

    @Test func tagSize() {
        #expect(Wire.tagSize(1) == 1)
        #expect(Wire.tagSize(15) == 1)
        #expect(Wire.tagSize(16) == 2)
        #expect(Wire.tagSize(2047) == 2)
        #expect(Wire.tagSize(2048) == 3)
        #expect(Wire.tagSize(FieldTag.maxFieldNumber) == 5)
        #expect(FieldTag(number: 2, wireType: .lengthDelimited).key == 0x12)
        #expect(FieldTag.maxFieldNumber == 536_870_911)
    }

    @Test(arguments: [
        (Int32(0), UInt32(0)), (-1, 1), (1, 2), (-2, 3), (2, 4),
        (Int32.max, UInt32.max - 1), (Int32.min, UInt32.max),
    ])
    func zigZag32(value: Int32, encoded: UInt32) throws {
        #expect(Wire.zigZag(value) == encoded)
        #expect(Wire.unZigZag(encoded) == value)
        var m = Scalars()
        m.s32 = value
        let bytes = m.serializedBytes()
        #expect(bytes == (value == 0 ? [] : [0x28] + varint(UInt64(encoded))))
        #expect(try Scalars(serializedBytes: bytes).s32 == value)
    }

    @Test(arguments: [
        (Int64(0), UInt64(0)), (-1, 1), (1, 2), (-2, 3), (2, 4),
        (Int64(Int32.min), UInt64(UInt32.max)),
        (Int64.max, UInt64.max - 1), (Int64.min, UInt64.max),
    ])
    func zigZag64(value: Int64, encoded: UInt64) throws {
        #expect(Wire.zigZag(value) == encoded)
        #expect(Wire.unZigZag(encoded) == value)
        var m = Scalars()
        m.s64 = value
        let bytes = m.serializedBytes()
        #expect(bytes == (value == 0 ? [] : [0x30] + varint(encoded)))
        #expect(try Scalars(serializedBytes: bytes).s64 == value)
    }

    @Test func zigZagSmallValuesAreShort() {
        var m = Scalars()
        m.s32 = -1
        m.s64 = -2
        #expect(m.serializedBytes() == hex("28 01 30 03"))
        m.s32 = Int32.min
        m.s64 = Int64.min
        #expect(m.serializedBytes() == hex("28 ff ff ff ff 0f 30 ff ff ff ff ff ff ff ff ff 01"))
    }
}
