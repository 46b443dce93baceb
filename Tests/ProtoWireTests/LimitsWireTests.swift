import ProtoWire
import Testing

/// Nesting depth, message size and group limits; truncation inside packed runs and map entries.
@Suite struct LimitsWireTests {
    @Test func nestingOfExactlyOneHundredDecodes() throws {
        let chain = Node.chain(depth: 100)
        #expect(chain.depth == 100)
        let back = try Node(serializedBytes: chain.serializedBytes())
        #expect(back == chain)
        #expect(back.depth == 100)
    }

    @Test func nestingDeeperThanOneHundredIsRejected() {
        let chain = Node.chain(depth: 101)
        #expect(throws: ProtoDecodingError.nestingTooDeep(limit: 100)) {
            try Node(serializedBytes: chain.serializedBytes())
        }
        var m = Node()
        #expect(throws: ProtoDecodingError.nestingTooDeep(limit: 100)) {
            try m.merge(serializedBytes: chain.serializedBytes())
        }
    }

    @Test func nestingLimitIsConfigurable() throws {
        let options = DecodingOptions(maxDepth: 3)
        #expect(try Node(serializedBytes: Node.chain(depth: 3).serializedBytes(), options: options).depth == 3)
        #expect(throws: ProtoDecodingError.nestingTooDeep(limit: 3)) {
            try Node(serializedBytes: Node.chain(depth: 4).serializedBytes(), options: options)
        }
        #expect(throws: ProtoDecodingError.nestingTooDeep(limit: 0)) {
            try Test3(serializedBytes: hex("1a 00"), options: DecodingOptions(maxDepth: 0))
        }
        #expect(try Test1(serializedBytes: hex("08 01"), options: DecodingOptions(maxDepth: 0)).a == 1)
    }

    @Test func mapEntriesCountAsALevel() throws {
        // Each `named` level is an entry and a message: 50 of them are depth 100. The bytes are
        // built by hand (encoding nested map values is slow, see EncodingCostWireTests).
        var node = Node()
        var bytes: [UInt8] = []
        for _ in 0..<50 {
            var parent = Node()
            parent.named = ["n": node]
            node = parent
            bytes = lengthDelimited(3, lengthDelimited(1, [0x6e]) + lengthDelimited(2, bytes))
        }
        #expect(node.depth == 100)
        #expect(try Node(serializedBytes: bytes) == node)
        #expect(throws: ProtoDecodingError.nestingTooDeep(limit: 100)) {
            try Node(serializedBytes: lengthDelimited(2, bytes))
        }
    }

    @Test func deepNestingAsUnknownFieldsIsNotParsed() throws {
        // 300 nested length-delimited unknown fields are skipped as one opaque value.
        let bytes = Node.chain(depth: 300).serializedBytes()
        let m = try Test1(serializedBytes: bytes)
        #expect(m.serializedBytes() == bytes)
    }

    @Test func messageSizeLimit() throws {
        let bytes = hex("08 01 10 02 18 03 20 04 28 05")
        let options = DecodingOptions(maxMessageSize: 10)
        #expect(try Scalars(serializedBytes: bytes, options: options).u64 == 4)
        #expect(throws: ProtoDecodingError.messageTooLarge(size: 11, limit: 10)) {
            try Scalars(serializedBytes: bytes + [0], options: options)
        }
        var m = Scalars()
        #expect(throws: ProtoDecodingError.messageTooLarge(size: 11, limit: 10)) {
            try m.merge(serializedBytes: bytes + [0], options: options)
        }
        #expect(throws: ProtoDecodingError.messageTooLarge(size: 1, limit: 0)) {
            try Test1(serializedBytes: [0x08], options: DecodingOptions(maxMessageSize: 0))
        }
    }

    @Test func defaultMessageSizeLimitIsFourMiB() throws {
        let limit = 4 * 1024 * 1024
        #expect(DecodingOptions().maxMessageSize == limit)
        #expect(DecodingOptions().maxDepth == 100)
        let header = key(15, 2) + varint(UInt64(limit - 5))
        let exact = header + [UInt8](repeating: 0xAB, count: limit - header.count)
        #expect(exact.count == limit)
        #expect(try Scalars(serializedBytes: exact).data.count == limit - 5)
        #expect(throws: ProtoDecodingError.messageTooLarge(size: limit + 1, limit: limit)) {
            try Scalars(serializedBytes: exact + [0])
        }
    }

    @Test func unbalancedEndGroup() throws {
        #expect(throws: ProtoDecodingError.unbalancedGroup(field: 1)) { try Scalars(serializedBytes: hex("0c")) }
        #expect(throws: ProtoDecodingError.unbalancedGroup(field: 9)) { try Test1(serializedBytes: hex("08 01 4c")) }
        // An end-group inside a nested message.
        #expect(throws: ProtoDecodingError.unbalancedGroup(field: 2)) { try Test3(serializedBytes: hex("1a 01 14")) }
        // Bytes inside a length-delimited value are opaque: this 14 does not close the group.
        #expect(try Test3(serializedBytes: hex("13 1a 01 14 14")).unknownFields.bytes == hex("13 1a 01 14 14"))
    }

    @Test func unknownGroupsAreSkippedAndKept() throws {
        // group 2 { group 3 { 1: 1 } 4: "x" 5: fixed32 6: fixed64 }, then field 1.
        let group = hex("13 1b 08 01 1c 22 01 78 2d 01 02 03 04 31 01 02 03 04 05 06 07 08 14")
        let m = try Test1(serializedBytes: group + hex("08 05"))
        #expect(m.a == 5)
        #expect(m.unknownFields.bytes == group)
        #expect(m.serializedBytes() == hex("08 05") + group)
        // An empty group, and a group with the same number nested inside itself.
        #expect(try Test1(serializedBytes: hex("13 14 13 13 14 14")).unknownFields.bytes == hex("13 14 13 13 14 14"))
    }

    @Test func malformedUnknownGroups() {
        // The end-group number differs from the start-group number.
        #expect(throws: ProtoDecodingError.unbalancedGroup(field: 3)) { try Test1(serializedBytes: hex("13 1c")) }
        #expect(throws: ProtoDecodingError.unbalancedGroup(field: 2)) { try Test1(serializedBytes: hex("13 1b 14 1c")) }
        // Never closed.
        #expect(throws: ProtoDecodingError.unbalancedGroup(field: 2)) { try Test1(serializedBytes: hex("13")) }
        #expect(throws: ProtoDecodingError.unbalancedGroup(field: 2)) { try Test1(serializedBytes: hex("13 08 01")) }
        #expect(throws: ProtoDecodingError.unbalancedGroup(field: 3)) { try Test1(serializedBytes: hex("13 1b")) }
        #expect(throws: ProtoDecodingError.unbalancedGroup(field: 2)) { try Test1(serializedBytes: hex("13 1b 14")) }
        // Closed only after the end of the enclosing message.
        #expect(throws: ProtoDecodingError.unbalancedGroup(field: 2)) { try Test3(serializedBytes: hex("1a 01 13 14")) }
        // A value inside the group is truncated or too long.
        #expect(throws: ProtoDecodingError.truncated) { try Test1(serializedBytes: hex("13 08")) }
        #expect(throws: ProtoDecodingError.truncated) { try Test1(serializedBytes: hex("13 0d 01 02")) }
        #expect(throws: ProtoDecodingError.lengthOutOfBounds(field: 1, length: 4)) {
            try Test1(serializedBytes: hex("13 0a 04 00 14"))
        }
    }

    @Test func groupNestingCountsTowardTheDepthLimit() throws {
        let opened = [UInt8](repeating: 0x13, count: 100)
        let closed = [UInt8](repeating: 0x14, count: 100)
        #expect(try Test1(serializedBytes: opened + closed).unknownFields.bytes.count == 200)
        #expect(throws: ProtoDecodingError.nestingTooDeep(limit: 100)) {
            try Test1(serializedBytes: opened + [0x13, 0x14] + closed)
        }
        // Groups inside a nested message share the budget.
        let opened99 = Array(opened.dropLast()), closed99 = Array(closed.dropLast())
        #expect(throws: ProtoDecodingError.nestingTooDeep(limit: 100)) {
            try Test3(serializedBytes: lengthDelimited(3, opened99 + [0x13, 0x14] + closed99))
        }
        #expect(throws: Never.self) { try Test3(serializedBytes: lengthDelimited(3, opened99 + closed99)) }
    }

    @Test func packedRunTruncatedMidElement() {
        // Varint run whose last element has its continuation bit set at the end of the run.
        #expect(throws: ProtoDecodingError.truncated) { try Repeateds(serializedBytes: hex("0a 02 01 ff")) }
        #expect(throws: ProtoDecodingError.truncated) { try Repeateds(serializedBytes: hex("0a 02 01 ff 01")) }
        // Fixed-width runs whose length is not a multiple of the element size.
        #expect(throws: ProtoDecodingError.truncated) { try Repeateds(serializedBytes: hex("3a 03 01 02 03")) }
        #expect(throws: ProtoDecodingError.truncated) { try Repeateds(serializedBytes: hex("42 09 01 02 03 04 05 06 07 08 09")) }
        #expect(throws: ProtoDecodingError.truncated) { try Repeateds(serializedBytes: hex("5a 05 00 00 80 3f 00")) }
        // The run's length points past the end of the message.
        #expect(throws: ProtoDecodingError.lengthOutOfBounds(field: 1, length: 5)) {
            try Repeateds(serializedBytes: hex("0a 05 01 02"))
        }
        // An over-long varint inside a run.
        #expect(throws: ProtoDecodingError.malformedVarint) {
            try Repeateds(serializedBytes: hex("0a 0b ff ff ff ff ff ff ff ff ff ff 01"))
        }
    }

    @Test func mapEntryTruncated() {
        // The entry's length runs past the message.
        #expect(throws: ProtoDecodingError.lengthOutOfBounds(field: 1, length: 6)) {
            try Maps(serializedBytes: hex("0a 06 0a 01 6b 12 01"))
        }
        // The key's length runs past the entry.
        #expect(throws: ProtoDecodingError.lengthOutOfBounds(field: 1, length: 5)) {
            try Maps(serializedBytes: hex("0a 03 0a 05 6b 6b 6b"))
        }
        // The value's varint ends with the entry.
        #expect(throws: ProtoDecodingError.truncated) { try Maps(serializedBytes: hex("12 03 08 01 10")) }
        #expect(throws: ProtoDecodingError.truncated) { try Maps(serializedBytes: hex("12 04 08 01 10 80 01")) }
        // A message value truncated inside the entry.
        #expect(throws: ProtoDecodingError.lengthOutOfBounds(field: 2, length: 4)) {
            try Maps(serializedBytes: hex("42 04 08 01 12 04 08 01"))
        }
        // A float value cut short.
        #expect(throws: ProtoDecodingError.truncated) { try Maps(serializedBytes: hex("22 04 08 01 15 00")) }
    }

    @Test func mapEntryWithAMessageKeyIsAnInvalidMapEntry() {
        // map<int32, int64> counts = 2, with an entry whose key arrives length-delimited.
        #expect(throws: ProtoDecodingError.invalidMapEntry(field: 2)) {
            try Maps(serializedBytes: hex("12 04 0a 02 08 01"))
        }
        // A value with the wrong wire type is a malformed entry too.
        #expect(throws: ProtoDecodingError.invalidMapEntry(field: 2)) {
            try Maps(serializedBytes: hex("12 04 08 01 12 00"))
        }
    }
}
