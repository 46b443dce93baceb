import ProtoWire
import Testing

/// Every malformed input is reported as its exact ``ProtoDecodingError``.
@Suite struct MalformedWireTests {
    @Test func truncatedVarints() {
        #expect(throws: ProtoDecodingError.truncated) { try Scalars(serializedBytes: [0x08, 0x80]) }
        #expect(throws: ProtoDecodingError.truncated) { try Scalars(serializedBytes: [0x08]) }
        #expect(throws: ProtoDecodingError.truncated) { try Scalars(serializedBytes: [0x80]) }
        #expect(throws: ProtoDecodingError.truncated) { try Scalars(serializedBytes: hex("08 ff ff ff ff ff ff ff ff ff")) }
        #expect(throws: ProtoDecodingError.truncated) { try Scalars(serializedBytes: hex("20 80 80")) }
        #expect(throws: ProtoDecodingError.truncated) { try Test1(serializedBytes: hex("10 80")) }  // unknown field too
    }

    @Test func truncatedFixedWidth() {
        #expect(throws: ProtoDecodingError.truncated) { try Scalars(serializedBytes: hex("3d 01 02 03")) }
        #expect(throws: ProtoDecodingError.truncated) { try Scalars(serializedBytes: hex("3d")) }
        #expect(throws: ProtoDecodingError.truncated) { try Scalars(serializedBytes: hex("41 01 02 03 04 05 06 07")) }
        #expect(throws: ProtoDecodingError.truncated) { try Scalars(serializedBytes: hex("5d 00 00")) }
        #expect(throws: ProtoDecodingError.truncated) { try Scalars(serializedBytes: hex("61 00 00 00 00")) }
        #expect(throws: ProtoDecodingError.truncated) { try Test1(serializedBytes: hex("15 01 02 03")) }
        #expect(throws: ProtoDecodingError.truncated) { try Test1(serializedBytes: hex("11 01 02 03 04 05 06 07")) }
    }

    @Test func overLongVarints() throws {
        // Eleven bytes: the tenth still has its continuation bit.
        #expect(throws: ProtoDecodingError.malformedVarint) {
            try Scalars(serializedBytes: hex("08 ff ff ff ff ff ff ff ff ff ff 01"))
        }
        // The tenth byte has a continuation bit, and the input ends there.
        #expect(throws: ProtoDecodingError.malformedVarint) {
            try Scalars(serializedBytes: hex("20 80 80 80 80 80 80 80 80 80 80"))
        }
        // An over-long tag.
        #expect(throws: ProtoDecodingError.malformedVarint) {
            try Scalars(serializedBytes: hex("88 80 80 80 80 80 80 80 80 80 00"))
        }
        // Ten bytes are fine, even when they pad a small value.
        #expect(try Scalars(serializedBytes: hex("20 81 80 80 80 80 80 80 80 80 00")).u64 == 1)
    }

    @Test func lengthPastTheEnd() {
        #expect(throws: ProtoDecodingError.lengthOutOfBounds(field: 14, length: 5)) {
            try Scalars(serializedBytes: hex("72 05 61 62"))
        }
        #expect(throws: ProtoDecodingError.lengthOutOfBounds(field: 15, length: 1)) {
            try Scalars(serializedBytes: hex("7a 01"))
        }
        #expect(throws: ProtoDecodingError.lengthOutOfBounds(field: 14, length: .max)) {
            try Scalars(serializedBytes: hex("72 ff ff ff ff ff ff ff ff ff 01"))
        }
        #expect(throws: ProtoDecodingError.lengthOutOfBounds(field: 17, length: 3)) {
            try Scalars(serializedBytes: hex("8a 01 03 08 01"))
        }
        #expect(throws: ProtoDecodingError.lengthOutOfBounds(field: 9, length: 0x7FFF_FFFF)) {
            try Test1(serializedBytes: hex("4a ff ff ff ff 07"))
        }
        #expect(throws: ProtoDecodingError.truncated) { try Scalars(serializedBytes: hex("72")) }
    }

    @Test func lengthPastTheEndOfTheEnclosingMessage() {
        // Test3.c is 3 bytes long, and its inner field claims 5 of them.
        #expect(throws: ProtoDecodingError.lengthOutOfBounds(field: 2, length: 5)) {
            try Test3(serializedBytes: hex("1a 03 12 05 61 62 63 64 65"))
        }
        // A varint may not run past the end of its message into the parent's bytes.
        #expect(throws: ProtoDecodingError.truncated) { try Test3(serializedBytes: hex("1a 02 08 96 01")) }
    }

    @Test func wrongWireTypeForKnownFields() {
        #expect(throws: ProtoDecodingError.wrongWireType(field: 1, found: .fixed32)) {
            try Scalars(serializedBytes: hex("0d 00 00 00 00"))
        }
        #expect(throws: ProtoDecodingError.wrongWireType(field: 1, found: .lengthDelimited)) {
            try Scalars(serializedBytes: hex("0a 00"))
        }
        #expect(throws: ProtoDecodingError.wrongWireType(field: 1, found: .startGroup)) {
            try Scalars(serializedBytes: hex("0b 0c"))
        }
        #expect(throws: ProtoDecodingError.wrongWireType(field: 7, found: .fixed64)) {
            try Scalars(serializedBytes: hex("39 00 00 00 00 00 00 00 00"))
        }
        #expect(throws: ProtoDecodingError.wrongWireType(field: 12, found: .fixed32)) {
            try Scalars(serializedBytes: hex("65 00 00 00 00"))
        }
        #expect(throws: ProtoDecodingError.wrongWireType(field: 14, found: .varint)) {
            try Scalars(serializedBytes: hex("70 01"))
        }
        #expect(throws: ProtoDecodingError.wrongWireType(field: 17, found: .varint)) {
            try Scalars(serializedBytes: hex("88 01 01"))
        }
        #expect(throws: ProtoDecodingError.wrongWireType(field: 14, found: .varint)) {
            try Repeateds(serializedBytes: hex("70 01"))
        }
        #expect(throws: ProtoDecodingError.wrongWireType(field: 7, found: .varint)) {
            try Repeateds(serializedBytes: hex("38 01"))
        }
        #expect(throws: ProtoDecodingError.wrongWireType(field: 2, found: .fixed32)) {
            try Oneofs(serializedBytes: hex("15 00 00 00 00"))
        }
        #expect(throws: ProtoDecodingError.wrongWireType(field: 4, found: .varint)) {
            try Oneofs(serializedBytes: hex("20 00"))
        }
        #expect(throws: ProtoDecodingError.wrongWireType(field: 1, found: .fixed32)) {
            try Optionals(serializedBytes: hex("0d 00 00 00 00"))
        }
    }

    @Test(arguments: [UInt8(6), 7])
    func invalidWireTypes(wireType: UInt8) {
        #expect(throws: ProtoDecodingError.invalidWireType(wireType)) { try Scalars(serializedBytes: [0x08 | wireType]) }
        #expect(throws: ProtoDecodingError.invalidWireType(wireType)) { try Test1(serializedBytes: [0x10 | wireType, 0]) }
        // Inside a skipped group, too.
        #expect(throws: ProtoDecodingError.invalidWireType(wireType)) {
            try Test1(serializedBytes: [0x13, 0x08 | wireType, 0x14])
        }
    }

    @Test func invalidFieldNumbers() {
        #expect(throws: ProtoDecodingError.invalidFieldNumber(0)) { try Scalars(serializedBytes: hex("00 00")) }
        #expect(throws: ProtoDecodingError.invalidFieldNumber(0)) { try Scalars(serializedBytes: hex("02 00")) }
        #expect(throws: ProtoDecodingError.invalidFieldNumber(0)) { try Test1(serializedBytes: hex("13 00 14")) }
        // 2^29: one past the largest field number.
        #expect(throws: ProtoDecodingError.invalidFieldNumber(536_870_912)) {
            try Scalars(serializedBytes: hex("80 80 80 80 10 00"))
        }
        #expect(throws: ProtoDecodingError.invalidFieldNumber(UInt64.max >> 3)) {
            try Scalars(serializedBytes: hex("ff ff ff ff ff ff ff ff ff 01 00"))
        }
        // 2^29 - 1 is the largest valid one.
        #expect(throws: Never.self) { try Scalars(serializedBytes: hex("f8 ff ff ff 0f 00")) }
    }

    static let invalidUTF8: [[UInt8]] = [
        [0xC0, 0x80],  // overlong NUL
        [0xC1, 0xBF],  // overlong 2-byte
        [0xE0, 0x80, 0x80],  // overlong 3-byte
        [0xE0, 0x9F, 0xBF],  // overlong 3-byte, largest
        [0xF0, 0x80, 0x80, 0x80],  // overlong 4-byte
        [0xF0, 0x8F, 0xBF, 0xBF],  // overlong 4-byte, largest
        [0xED, 0xA0, 0x80],  // lone high surrogate U+D800
        [0xED, 0xBF, 0xBF],  // lone low surrogate U+DFFF
        [0xED, 0xA0, 0xBD, 0xED, 0xB2, 0xA9],  // surrogate pair in CESU-8
        [0xF4, 0x90, 0x80, 0x80],  // U+110000
        [0xF5, 0x80, 0x80, 0x80],
        [0xF8, 0x88, 0x80, 0x80, 0x80],  // 5-byte form
        [0xFE], [0xFF],
        [0x80],  // lone continuation byte
        [0x61, 0xBF],
        [0xC3],  // truncated 2-byte
        [0xE2, 0x82],  // truncated 3-byte
        [0xF0, 0x9F, 0x98],  // truncated 4-byte
        [0x61, 0xC3, 0x28],  // bad continuation
        [0xE2, 0x28, 0xA1],
    ]

    @Test(arguments: invalidUTF8)
    func invalidUTF8IsRejected(bytes: [UInt8]) {
        #expect(throws: ProtoDecodingError.invalidUTF8(field: 14)) {
            try Scalars(serializedBytes: lengthDelimited(14, bytes))
        }
        #expect(throws: ProtoDecodingError.invalidUTF8(field: 14)) {
            try Repeateds(serializedBytes: lengthDelimited(14, bytes))
        }
        #expect(throws: ProtoDecodingError.invalidUTF8(field: 3)) {
            try Oneofs(serializedBytes: lengthDelimited(3, bytes))
        }
        #expect(throws: ProtoDecodingError.invalidUTF8(field: 1)) {  // a map key, inside the entry
            try Maps(serializedBytes: lengthDelimited(1, lengthDelimited(1, bytes)))
        }
        // The same bytes are fine in a bytes field and as unknown fields.
        #expect(throws: Never.self) { try Scalars(serializedBytes: lengthDelimited(15, bytes)) }
        #expect(throws: Never.self) { try Test1(serializedBytes: lengthDelimited(14, bytes)) }
    }

    @Test func validUTF8EdgesAreAccepted() throws {
        let edges: [[UInt8]] = [
            [0x00], [0x7F], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
            [0xEF, 0xBB, 0xBF],  // a byte-order mark is kept
        ]
        for bytes in edges {
            let m = try Scalars(serializedBytes: lengthDelimited(14, bytes))
            #expect(Array(m.text.utf8) == bytes)
            #expect(m.serializedBytes() == lengthDelimited(14, bytes))
        }
    }
}
