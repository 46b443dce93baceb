import ProtoWire
import Testing

/// The well-known types of ProtoWire byte for byte: negative times, JSON-like values.
@Suite struct WellKnownTypesCodecTests {
    /// -1 as an int64 (or a sign-extended int32) varint: ten bytes.
    static let minusOne = hex("ff ff ff ff ff ff ff ff ff 01")

    @Test func timestampBeforeTheEpoch() throws {
        // 1969-12-31T23:59:59.5Z: seconds -1, nanos +500,000,000 (nanos never negative in a Timestamp).
        let timestamp = Google.Protobuf.Timestamp(seconds: -1, nanos: 500_000_000)
        let expected = [0x08] + Self.minusOne + hex("10 80 ca b5 ee 01")
        #expect(timestamp.serializedBytes() == expected)
        #expect(timestamp.serializedSize == 17)
        #expect(try Google.Protobuf.Timestamp(serializedBytes: expected) == timestamp)
    }

    @Test func earliestTimestamp() throws {
        // 0001-01-01T00:00:00Z = -62,135,596,800 seconds.
        let timestamp = Google.Protobuf.Timestamp(seconds: -62_135_596_800)
        let expected = hex("08 80 92 b8 c3 98 fe ff ff ff 01")
        #expect(timestamp.serializedBytes() == expected)
        #expect(try Google.Protobuf.Timestamp(serializedBytes: expected) == timestamp)
    }

    @Test func negativeDuration() throws {
        // -1.5 s: both parts carry the sign.
        let duration = Google.Protobuf.Duration(seconds: -1, nanos: -500_000_000)
        let expected = [0x08] + Self.minusOne + hex("10 80 b6 ca 91 fe ff ff ff ff 01")
        #expect(duration.serializedBytes() == expected)
        #expect(duration.serializedSize == 22)
        #expect(try Google.Protobuf.Duration(serializedBytes: expected) == duration)
    }

    @Test func negativeNanosOnlyDuration() throws {
        let duration = Google.Protobuf.Duration(seconds: 0, nanos: -1)
        #expect(duration.serializedBytes() == [0x10] + Self.minusOne)
        #expect(try Google.Protobuf.Duration(serializedBytes: [0x10] + Self.minusOne).nanos == -1)
    }

    @Test func structWithNestedListStructAndNull() throws {
        typealias Value = Google.Protobuf.Value
        let object = Google.Protobuf.Struct(fields: [
            "a": Value(.nullValue(.nullValue)),
            "b": Value(.listValue(.init(values: [
                Value(.numberValue(1)), Value(.stringValue("x")),
                Value(.structValue(.init(fields: ["c": Value(.boolValue(true))]))),
            ]))),
        ])
        // "a": Value { null_value (1) = 0 }: a oneof member, written although zero.
        let a = lengthDelimited(1, stringField(1, "a") + lengthDelimited(2, [0x08, 0x00]))
        // "b": Value { list_value (6) = ListValue { values (1) ×3 } }
        let one = lengthDelimited(1, hex("11 00 00 00 00 00 00 f0 3f"))  // number_value (2) = 1.0
        let x = lengthDelimited(1, stringField(3, "x"))  // string_value (3) = "x"
        let c = lengthDelimited(1, lengthDelimited(5, lengthDelimited(1, stringField(1, "c") + lengthDelimited(2, [0x20, 0x01]))))
        let b = lengthDelimited(1, stringField(1, "b") + lengthDelimited(2, lengthDelimited(6, one + x + c)))
        let expected = a + b
        #expect(expected == hex("""
            0a 07 0a 01 61 12 02 08 00
            0a 24 0a 01 62 12 1f 32 1d
              0a 09 11 00 00 00 00 00 00 f0 3f
              0a 03 1a 01 78
              0a 0b 2a 09 0a 07 0a 01 63 12 02 20 01
            """))
        #expect(object.serializedBytes() == expected)
        #expect(object.serializedSize == 47)
        #expect(try Google.Protobuf.Struct(serializedBytes: expected) == object)
    }

    @Test func valueMembersAreWrittenAtTheirDefaults() throws {
        typealias Value = Google.Protobuf.Value
        let cases: [(Value.Kind, [UInt8])] = [
            (.nullValue(.nullValue), [0x08, 0x00]),
            (.numberValue(0), hex("11 00 00 00 00 00 00 00 00")),
            (.numberValue(-0.5), hex("11 00 00 00 00 00 00 e0 bf")),
            (.stringValue(""), [0x1a, 0x00]),
            (.boolValue(false), [0x20, 0x00]),
            (.structValue(.init()), [0x2a, 0x00]),
            (.listValue(.init()), [0x32, 0x00]),
        ]
        for (kind, bytes) in cases {
            #expect(Value(kind).serializedBytes() == bytes)
            #expect(try Value(serializedBytes: bytes).kind == kind)
        }
        #expect(Value().serializedBytes() == [])
    }

    @Test func listValueKeepsNullsAndOrder() throws {
        typealias Value = Google.Protobuf.Value
        let list = Google.Protobuf.ListValue(values: [Value(.nullValue(.nullValue)), Value(), Value(.boolValue(true))])
        let expected = hex("0a 02 08 00  0a 00  0a 02 20 01")
        #expect(list.serializedBytes() == expected)
        #expect(try Google.Protobuf.ListValue(serializedBytes: expected) == list)
    }

    @Test func anyPacksByFullName() throws {
        let any = Google.Protobuf.`Any`(packing: Google.Protobuf.Duration(seconds: 1))
        #expect(any.typeURL == "type.googleapis.com/google.protobuf.Duration")
        #expect(any.serializedBytes() == stringField(1, any.typeURL) + hex("12 02 08 01"))
        #expect(try any.unpack(Google.Protobuf.Duration.self) == Google.Protobuf.Duration(seconds: 1))
        #expect(try any.unpack(Google.Protobuf.Timestamp.self) == nil)
    }

    @Test func fieldMaskAndEmpty() throws {
        let mask = Google.Protobuf.FieldMask(paths: ["a.b", ""])
        #expect(mask.serializedBytes() == hex("0a 03 61 2e 62 0a 00"))
        #expect(try Google.Protobuf.FieldMask(serializedBytes: mask.serializedBytes()) == mask)
        #expect(Google.Protobuf.Empty().serializedBytes() == [])
    }
}
