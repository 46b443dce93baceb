import ProtoWire
import Testing

/// Explicit presence (proto3 `optional`, oneof members) and unknown fields.
@Suite struct PresenceWireTests {
    @Test func optionalsAtTheirDefaultAreWritten() throws {
        var m = Optionals()
        m.i32 = 0
        m.i64 = 0
        m.u32 = 0
        m.u64 = 0
        m.s32 = 0
        m.s64 = 0
        m.f32 = 0
        m.f64 = 0
        m.sf32 = 0
        m.sf64 = 0
        m.flt = 0
        m.dbl = 0
        m.flag = false
        m.text = ""
        m.data = []
        m.color = .unspecified
        let bytes = hex("""
            08 00 10 00 18 00 20 00 28 00 30 00 3d 00 00 00 00 41 00 00 00 00 00 00 00 00
            4d 00 00 00 00 51 00 00 00 00 00 00 00 00 5d 00 00 00 00 61 00 00 00 00 00 00 00 00
            68 00 72 00 7a 00 80 01 00
            """)
        #expect(m.serializedBytes() == bytes)
        #expect(m.serializedSize == bytes.count)
        let back = try Optionals(serializedBytes: bytes)
        #expect(back == m)
        #expect(back.i32 == 0 && back.text == "" && back.color == .unspecified && back.data == [])
    }

    @Test func unsetOptionalsStayNil() throws {
        var m = Optionals()
        m.i64 = 5
        let back = try Optionals(serializedBytes: m.serializedBytes())
        #expect(back.i64 == 5)
        #expect(back.i32 == nil && back.text == nil && back.flt == nil && back.color == nil)
    }

    @Test func oneofScalarAtItsDefaultIsWritten() throws {
        var m = Oneofs()
        m.choice = .number(0)
        #expect(m.serializedBytes() == hex("10 00"))
        #expect(try Oneofs(serializedBytes: hex("10 00")).choice == .number(0))
        m.choice = .label("")
        #expect(m.serializedBytes() == hex("1a 00"))
        #expect(try Oneofs(serializedBytes: hex("1a 00")).choice == .label(""))
        m.choice = .color(.unspecified)
        #expect(m.serializedBytes() == hex("28 00"))
        m.choice = .blob([])
        #expect(m.serializedBytes() == hex("32 00"))
        m.choice = .real(0)
        #expect(m.serializedBytes() == hex("39 00 00 00 00 00 00 00 00"))
        m.choice = .child(Test1())
        #expect(m.serializedBytes() == hex("22 00"))
        #expect(try Oneofs(serializedBytes: hex("22 00")).choice == .child(Test1()))
        m.choice = nil
        #expect(m.serializedBytes().isEmpty)
    }

    @Test func oneofStandsInFieldNumberOrder() throws {
        var m = Oneofs()
        m.name = "n"
        m.choice = .number(3)
        m.after = 4
        let bytes = hex("0a 01 6e 10 03 40 04")
        #expect(m.serializedBytes() == bytes)
        #expect(try Oneofs(serializedBytes: bytes) == m)
    }

    @Test func laterOneofMemberReplacesEarlier() throws {
        #expect(try Oneofs(serializedBytes: hex("10 07 1a 01 78")).choice == .label("x"))
        #expect(try Oneofs(serializedBytes: hex("1a 01 78 10 07")).choice == .number(7))
        #expect(try Oneofs(serializedBytes: hex("22 02 08 01 28 02")).choice == .color(.green))
    }

    @Test func oneofMessageMemberMergesWhenRepeated() throws {
        // child {a: 1} then child {unknown 2: 1}: one merged child.
        let m = try Oneofs(serializedBytes: hex("22 02 08 01 22 02 10 01"))
        guard case .child(let child)? = m.choice else {
            Issue.record("expected a child, got \(String(describing: m.choice))")
            return
        }
        #expect(child.a == 1)
        #expect(child.unknownFields.bytes == hex("10 01"))
        // A different member in between resets it.
        #expect(try Oneofs(serializedBytes: hex("22 02 08 01 10 05 22 02 18 01")).choice
            == .child(try Test1(serializedBytes: hex("18 01"))))
    }

    @Test func unknownFieldsAreKeptAndWrittenLastInArrivalOrder() throws {
        // An unknown varint, fixed64, length-delimited, group and fixed32 around the known field 1.
        let unknown1 = hex("10 96 01")
        let unknown2 = hex("19 01 02 03 04 05 06 07 08")
        let unknown3 = hex("22 03 61 62 63")
        let unknown4 = hex("2b 08 01 12 01 7a 2c")  // group 5 { 1: 1, 2: "z" }
        let unknown5 = hex("fd ff ff ff 0f 01 02 03 04")  // field 2^29 - 1, fixed32
        let bytes = unknown1 + unknown2 + hex("08 07") + unknown3 + unknown4 + unknown5
        let m = try Test1(serializedBytes: bytes)
        #expect(m.a == 7)
        #expect(m.unknownFields.bytes == unknown1 + unknown2 + unknown3 + unknown4 + unknown5)
        let out = m.serializedBytes()
        #expect(out == hex("08 07") + unknown1 + unknown2 + unknown3 + unknown4 + unknown5)
        #expect(m.serializedSize == out.count)
        #expect(try Test1(serializedBytes: out) == m)
    }

    @Test func unknownFieldsInNestedMessagesStayThere() throws {
        let bytes = hex("1a 04 08 01 10 02 2a 00")  // Test3.c = {a: 1, unknown 2: 2}, unknown field 5 outside
        let m = try Test3(serializedBytes: bytes)
        #expect(m.c?.a == 1)
        #expect(m.c?.unknownFields.bytes == hex("10 02"))
        #expect(m.unknownFields.bytes == hex("2a 00"))
        #expect(m.serializedBytes() == bytes)
    }

    @Test func unknownFieldsOfAnotherTypeReEncodeIdentically() throws {
        var full = Scalars()
        full.i32 = 1
        full.text = "x"
        full.dbl = 2.5
        full.child = Test1(a: 9)
        let bytes = full.serializedBytes()
        // Test1 knows field 1 only: everything else is unknown but survives a round trip.
        let partial = try Test1(serializedBytes: bytes)
        #expect(partial.a == 1)
        #expect(partial.serializedBytes() == bytes)
        #expect(try Scalars(serializedBytes: partial.serializedBytes()) == full)
    }

    @Test func emptyMessageKeepsEverythingAsUnknown() throws {
        let bytes = hex("08 01 12 00 1d 00 00 00 00 23 24")
        let empty = try Google.Protobuf.Empty(serializedBytes: bytes)
        #expect(empty.unknownFields.bytes == bytes)
        #expect(empty.serializedBytes() == bytes)
    }
}
