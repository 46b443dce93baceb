import ProtoWire
import Testing

/// Repeated fields: packed numeric runs, one field per string, bytes and message element.
@Suite struct RepeatedWireTests {
    @Test func everyNumericTypeIsPacked() throws {
        var m = Repeateds()
        m.i32 = [1, -1]
        m.i64 = [2]
        m.u32 = [3, 300]
        m.u64 = [.max]
        m.s32 = [-1, 1]
        m.s64 = [-2]
        m.f32 = [1, 2]
        m.f64 = [3]
        m.sf32 = [-1]
        m.sf64 = [-2]
        m.flt = [1]
        m.dbl = [-0.0]
        m.flag = [true, false, true]
        m.color = [.red, .unrecognized(5), .minusOne]
        let bytes = m.serializedBytes()
        #expect(bytes == hex("""
            0a 0b 01 ff ff ff ff ff ff ff ff ff 01  12 01 02  1a 03 03 ac 02  22 0a ff ff ff ff ff ff ff ff ff 01
            2a 02 01 02  32 01 03  3a 08 01 00 00 00 02 00 00 00  42 08 03 00 00 00 00 00 00 00
            4a 04 ff ff ff ff  52 08 fe ff ff ff ff ff ff ff  5a 04 00 00 80 3f  62 08 00 00 00 00 00 00 00 80
            6a 03 01 00 01  82 01 0c 01 05 ff ff ff ff ff ff ff ff ff 01
            """))
        #expect(m.serializedSize == bytes.count)
        let back = try Repeateds(serializedBytes: bytes)
        #expect(back.i32 == m.i32 && back.u64 == m.u64 && back.color == m.color && back.flag == m.flag)
        #expect(back.dbl.count == 1 && back.dbl[0].sign == .minus)
        #expect(back.serializedBytes() == bytes)
    }

    @Test func stringsBytesAndMessagesAreOneFieldEach() throws {
        var m = Repeateds()
        m.text = ["a", "", "bc"]
        m.data = [[], [0xFF]]
        m.children = [Test1(a: 1), Test1()]
        let bytes = hex("72 01 61 72 00 72 02 62 63  7a 00 7a 01 ff  8a 01 02 08 01 8a 01 00")
        #expect(m.serializedBytes() == bytes)
        #expect(try Repeateds(serializedBytes: bytes) == m)
    }

    @Test func numericDecodesUnpacked() throws {
        let m = try Repeateds(serializedBytes: hex("08 01 08 02 08 03  3d 01 00 00 00 3d 02 00 00 00  68 01 68 00"))
        #expect(m.i32 == [1, 2, 3])
        #expect(m.f32 == [1, 2])
        #expect(m.flag == [true, false])
        // Re-encoding packs them.
        #expect(m.serializedBytes() == hex("0a 03 01 02 03  3a 08 01 00 00 00 02 00 00 00  6a 02 01 00"))
    }

    @Test func numericDecodesPackedAndUnpackedMixed() throws {
        let bytes = hex("08 01 0a 02 02 03 08 04 0a 00 0a 01 05  51 ff ff ff ff ff ff ff ff 52 08 01 00 00 00 00 00 00 00")
        let m = try Repeateds(serializedBytes: bytes)
        #expect(m.i32 == [1, 2, 3, 4, 5])
        #expect(m.sf64 == [-1, 1])
    }

    @Test func packedEnumsKeepUnknownValues() throws {
        let m = try Repeateds(serializedBytes: hex("82 01 03 01 63 02 80 01 00"))
        #expect(m.color == [.red, .unrecognized(99), .green, .unspecified])
    }

    @Test func packedRunOfZeroLengthAddsNothing() throws {
        #expect(try Repeateds(serializedBytes: hex("0a 00 3a 00 5a 00")) == Repeateds())
    }

    @Test func emptyMessagesInRepeatedFieldAreKept() throws {
        let m = try Repeateds(serializedBytes: hex("8a 01 00 8a 01 00"))
        #expect(m.children == [Test1(), Test1()])
    }
}

/// Map fields: entries sorted by key, defaults for missing parts, last entry wins.
@Suite struct MapWireTests {
    @Test func stringMapEntriesInKeyOrder() throws {
        var m = Maps()
        m.labels = ["b": "2", "a": "1"]
        let bytes = hex("0a 06 0a 01 61 12 01 31  0a 06 0a 01 62 12 01 32")
        #expect(m.serializedBytes() == bytes)
        #expect(m.serializedSize == bytes.count)
        #expect(try Maps(serializedBytes: bytes) == m)
    }

    @Test func defaultKeysAndValuesAreStillWrittenInsideEntries() throws {
        var m = Maps()
        m.labels = ["": ""]
        m.counts = [0: 0]
        m.colors = ["": .unspecified]
        m.children = [0: Test1()]
        let bytes = hex("0a 04 0a 00 12 00  12 04 08 00 10 00  3a 04 0a 00 10 00  42 04 08 00 12 00")
        #expect(m.serializedBytes() == bytes)
        #expect(try Maps(serializedBytes: bytes) == m)
    }

    @Test func everyKeyAndValueKind() throws {
        var m = Maps()
        m.counts = [-1: -2, 5: 6]
        m.weights = [Int64.min: -0.0, 1: 1.5]
        m.ratios = [UInt32.max: .infinity]
        m.flags = [UInt64.max: true, 0: false]
        m.blobs = ["k": [1, 2, 3]]
        m.colors = ["x": .unrecognized(77), "y": .minusOne]
        m.children = [3: Test1(a: 4), -3: Test1()]
        let bytes = m.serializedBytes()
        #expect(m.serializedSize == bytes.count)
        let back = try Maps(serializedBytes: bytes)
        #expect(back == m)
        #expect(back.weights[Int64.min]?.sign == .minus)
        #expect(back.serializedBytes() == bytes)
        // The int32 key -1 takes ten bytes inside its entry.
        #expect(Array(bytes.prefix(16)) == hex("12 16 08 ff ff ff ff ff ff ff ff ff 01 10 fe ff"))
    }

    @Test func missingKeyOrValueUsesTheDefault() throws {
        let m = try Maps(serializedBytes: hex("0a 03 12 01 76  0a 03 0a 01 6b  12 00  3a 00  42 02 08 05"))
        #expect(m.labels == ["": "v", "k": ""])
        #expect(m.counts == [0: 0])
        #expect(m.colors == ["": .unspecified])
        #expect(m.children == [5: Test1()])
    }

    @Test func laterEntryForTheSameKeyWins() throws {
        let m = try Maps(serializedBytes: hex("0a 06 0a 01 6b 12 01 31  0a 06 0a 01 6b 12 01 32"))
        #expect(m.labels == ["k": "2"])
        // Within one entry, a later key or value also wins, and value may precede key.
        let m2 = try Maps(serializedBytes: hex("12 08 10 01 08 01 08 02 10 09"))
        #expect(m2.counts == [2: 9])
    }

    @Test func unknownFieldsInsideAnEntryAreSkipped() throws {
        let m = try Maps(serializedBytes: hex("0a 0f 0a 01 6b 18 05 22 01 7a 2b 08 01 2c 12 01 76"))
        #expect(m.labels == ["k": "v"])
        #expect(m.unknownFields.isEmpty)
    }

    @Test func enumMapKeepsUnknownValues() throws {
        let bytes = hex("3a 05 0a 01 78 10 4d")
        let m = try Maps(serializedBytes: bytes)
        #expect(m.colors == ["x": .unrecognized(77)])
        #expect(m.serializedBytes() == bytes)
    }

    @Test func messageValuesMergeWithinOneEntry() throws {
        let m = try Maps(serializedBytes: hex("42 0a 08 01 12 02 08 07 12 02 10 01"))
        var expected = Test1(a: 7)
        expected.unknownFields = try Test1(serializedBytes: hex("10 01")).unknownFields
        #expect(m.children == [1: expected])
    }

    @Test func keyAndValueWireTypesAreChecked() {
        // A wrong wire type inside an entry is a malformed entry of the map field.
        #expect(throws: ProtoDecodingError.invalidMapEntry(field: 1)) {
            try Maps(serializedBytes: hex("0a 04 0a 00 10 01"))
        }
        #expect(throws: ProtoDecodingError.invalidMapEntry(field: 8)) {
            try Maps(serializedBytes: hex("42 04 08 01 10 01"))
        }
        #expect(throws: ProtoDecodingError.wrongWireType(field: 1, found: .varint)) {
            try Maps(serializedBytes: hex("08 00"))
        }
    }
}
