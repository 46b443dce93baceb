import Testing
import RelayAPI

/// Round trips and hand-computed byte vectors for the codecs of `suppression_service.proto`.
@Suite struct SuppressionServiceCodecTests {
    // MARK: Helpers

    /// The distinct top-level field numbers present in `bytes`.
    static func fieldNumbers(_ bytes: [UInt8]) throws -> Set<Int> {
        var reader = try ProtoReader(bytes: bytes)
        var sink = UnknownFields()
        var numbers = Set<Int>()
        while let tag = try reader.nextTag() {
            numbers.insert(tag.number)
            try reader.skip(tag, into: &sink)
        }
        return numbers
    }

    /// Checks that `message` writes exactly the fields `fields`, that its size is exact, that it
    /// decodes back to an equal value and that re-encoding gives the same bytes.
    static func roundTrip<M: ProtoMessage>(
        _ message: M, fields: Set<Int>, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let bytes = message.serializedBytes()
        #expect(message.serializedSize == bytes.count, sourceLocation: sourceLocation)
        #expect(try fieldNumbers(bytes) == fields, "not every field is populated", sourceLocation: sourceLocation)
        let decoded = try M(serializedBytes: bytes)
        #expect(decoded == message, sourceLocation: sourceLocation)
        #expect(decoded.serializedBytes() == bytes, sourceLocation: sourceLocation)
    }

    /// As above, for a range of field numbers.
    static func roundTrip<M: ProtoMessage>(
        _ message: M, fields: ClosedRange<Int>, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try roundTrip(message, fields: Set(fields), sourceLocation: sourceLocation)
    }

    // MARK: Fully populated instances

    static func suppression(_ address: String = "ada@example.com") -> Suppression {
        var s = Suppression()
        s.suppressionID = "sup_01J9ZT7K"
        s.address = address
        s.reason = .hardBounce
        s.origin = .automatic
        s.detail = "550 5.1.1 <ada@example.com>: Recipient address rejected: User unknown"
        s.sourceMessageID = "msg_01J9ZR0A"
        s.createTime = Timestamp(seconds: 1_700_000_000, nanos: 250_000_000)
        s.expireTime = Timestamp(seconds: -62_135_596_800, nanos: 1)  // 0001-01-01, the minimum
        return s
    }

    static func filter() -> SuppressionFilter {
        var f = SuppressionFilter()
        f.reasons = [.hardBounce, .complaint, .unrecognized(-4)]
        f.origins = [.manual, .import]
        f.addressPrefix = "ada@"
        f.domain = "example.com"
        f.createTimeStart = Timestamp(seconds: 1_690_000_000)
        f.createTimeEnd = Timestamp(seconds: 1_700_000_000, nanos: 999_999_999)
        return f
    }

    static func entry(_ address: String, _ reason: SuppressionReason) -> AddSuppressionsRequest.Entry {
        AddSuppressionsRequest.Entry(
            address: address, reason: reason, detail: "ticket #4821",
            expireTime: Timestamp(seconds: 1_800_000_000))
    }

    static func status(_ message: String) -> Google.Rpc.Status {
        var s = Google.Rpc.Status()
        s.code = 3  // INVALID_ARGUMENT
        s.message = message
        var detail = Google.Protobuf.`Any`()
        detail.typeURL = "type.googleapis.com/google.rpc.BadRequest"
        detail.value = [0x0A, 0x00]
        s.details = [detail, detail]
        return s
    }

    static func entryResult(_ outcome: AddSuppressionsResponse.EntryResult.Outcome) -> AddSuppressionsResponse.EntryResult {
        var r = AddSuppressionsResponse.EntryResult()
        r.index = 3
        r.address = "bob@example.org"
        r.outcome = outcome
        r.suppression = suppression("bob@example.org")
        r.error = status("address has no domain")
        return r
    }

    static func rejection(_ location: ImportSuppressionsResponse.Rejection.Location) -> ImportSuppressionsResponse.Rejection {
        var r = ImportSuppressionsResponse.Rejection()
        r.location = location
        r.address = "not-an-address"
        r.error = status("address has no domain")
        return r
    }

    // MARK: Resources

    @Test func suppressionRoundTripsEveryReasonAndOrigin() throws {
        let reasons: [SuppressionReason] = [
            .hardBounce, .complaint, .manual, .unsubscribe, .invalidAddress, .repeatedSoftBounce, .unrecognized(77),
        ]
        let origins: [SuppressionOrigin] = [.automatic, .manual, .import, .unrecognized(-1)]
        for (i, reason) in reasons.enumerated() {
            var s = Self.suppression()
            s.reason = reason
            s.origin = origins[i % origins.count]
            try Self.roundTrip(s, fields: 1...8)
            #expect(SuppressionReason(rawValue: reason.rawValue) == reason)
        }
        for origin in origins {
            #expect(SuppressionOrigin(rawValue: origin.rawValue) == origin)
        }
    }

    @Test func suppressionFilterRoundTrips() throws {
        try Self.roundTrip(Self.filter(), fields: 1...6)
    }

    // MARK: Add, remove, get, list

    @Test func addSuppressionsRequestRoundTrips() throws {
        var r = AddSuppressionsRequest()
        r.entries = [Self.entry("ada@example.com", .manual), Self.entry("bob@example.org", .unsubscribe)]
        r.updateExisting = true
        try Self.roundTrip(r, fields: 1...2)
    }

    @Test func addSuppressionsEntryRoundTrips() throws {
        try Self.roundTrip(Self.entry("ada@example.com", .complaint), fields: 1...4)
    }

    @Test func addSuppressionsResponseRoundTrips() throws {
        var r = AddSuppressionsResponse()
        r.results = [Self.entryResult(.added), Self.entryResult(.invalid)]
        r.addedCount = 1
        r.alreadyPresentCount = 2
        r.updatedCount = 3
        r.invalidCount = -4
        try Self.roundTrip(r, fields: 1...5)
    }

    @Test func addSuppressionsEntryResultRoundTripsEveryOutcome() throws {
        let outcomes: [AddSuppressionsResponse.EntryResult.Outcome] = [
            .added, .alreadyPresent, .updated, .invalid, .unrecognized(1_000),
        ]
        for outcome in outcomes {
            var r = Self.entryResult(outcome)
            r.index = -1
            try Self.roundTrip(r, fields: 1...5)
            #expect(AddSuppressionsResponse.EntryResult.Outcome(rawValue: outcome.rawValue) == outcome)
        }
    }

    @Test func removeSuppressionRequestRoundTrips() throws {
        var r = RemoveSuppressionRequest()
        r.address = "Ada@Example.com"
        r.allowMissing = true
        try Self.roundTrip(r, fields: 1...2)
    }

    @Test func removeSuppressionResponseRoundTrips() throws {
        var r = RemoveSuppressionResponse()
        r.suppression = Self.suppression()
        try Self.roundTrip(r, fields: 1...1)
    }

    @Test func getSuppressionRequestRoundTrips() throws {
        try Self.roundTrip(GetSuppressionRequest(address: "ada@example.com"), fields: 1...1)
    }

    @Test func getSuppressionResponseRoundTrips() throws {
        var r = GetSuppressionResponse()
        r.suppression = Self.suppression()
        try Self.roundTrip(r, fields: 1...1)
    }

    @Test func listSuppressionsRequestRoundTrips() throws {
        var r = ListSuppressionsRequest()
        r.pageSize = -100
        r.pageToken = "eyJiZWZvcmUiOjE3MDAwMDAwMDB9"
        r.filter = Self.filter()
        try Self.roundTrip(r, fields: 1...3)
    }

    @Test func listSuppressionsResponseRoundTrips() throws {
        var r = ListSuppressionsResponse()
        r.suppressions = [Self.suppression(), Self.suppression("bob@example.org")]
        r.nextPageToken = "eyJiZWZvcmUiOjE2OTAwMDAwMDB9"
        r.totalSize = 10_001
        try Self.roundTrip(r, fields: 1...3)
    }

    // MARK: Import and export streams

    @Test func importSuppressionsRequestRoundTrips() throws {
        var r = ImportSuppressionsRequest()
        var options = ImportSuppressionsRequest.Options()
        options.defaultReason = .unsubscribe
        options.updateExisting = true
        options.validateOnly = true
        r.options = options
        r.entries = [Self.entry("ada@example.com", .manual), Self.entry("bob@example.org", .hardBounce)]
        r.csvData = Array("address,reason\r\ncarol@example.net,complaint\r\n\"d,e\"@x.io,\r\n".utf8) + [0x00, 0xFF]
        try Self.roundTrip(r, fields: 1...3)
    }

    @Test func importSuppressionsOptionsRoundTrips() throws {
        var o = ImportSuppressionsRequest.Options()
        o.defaultReason = .unrecognized(-9)
        o.updateExisting = true
        o.validateOnly = true
        try Self.roundTrip(o, fields: 1...3)
    }

    @Test func importSuppressionsResponseRoundTrips() throws {
        var r = ImportSuppressionsResponse()
        r.importedCount = 999_000
        r.updatedCount = 12
        r.duplicateCount = 345
        r.rejectedCount = -1
        r.rejections = [Self.rejection(.csvLine(17)), Self.rejection(.entryIndex(4))]
        try Self.roundTrip(r, fields: 1...5)
    }

    @Test func importSuppressionsRejectionRoundTripsEveryLocation() throws {
        try Self.roundTrip(Self.rejection(.csvLine(1_000_001)), fields: [1, 3, 4])
        try Self.roundTrip(Self.rejection(.entryIndex(-5)), fields: [2, 3, 4])
        try Self.roundTrip(Self.rejection(.entryIndex(0)), fields: [2, 3, 4])  // written even at 0
    }

    @Test func exportSuppressionsRequestRoundTripsEveryFormat() throws {
        for format: SuppressionExportFormat in [.proto, .csv, .unrecognized(5)] {
            var r = ExportSuppressionsRequest()
            r.filter = Self.filter()
            r.format = format
            try Self.roundTrip(r, fields: 1...2)
            #expect(SuppressionExportFormat(rawValue: format.rawValue) == format)
        }
    }

    @Test func exportSuppressionsResponseRoundTrips() throws {
        var r = ExportSuppressionsResponse()
        r.suppressions = [Self.suppression(), Self.suppression("bob@example.org")]
        r.csvData = Array("address,reason,detail,expire_time,origin,source_message_id,create_time,suppression_id\r\n".utf8)
        r.totalCount = 2
        r.snapshotTime = Timestamp(seconds: 1_700_000_001, nanos: 42)
        try Self.roundTrip(r, fields: 1...4)
    }

    // MARK: Byte-exact vectors, written out from the encoding rules

    @Test func suppressionFilterBytes() throws {
        var f = SuppressionFilter()
        f.reasons = [.hardBounce, .complaint]
        f.origins = [.import]
        f.domain = "x.io"
        f.createTimeStart = Timestamp(seconds: 1)
        let expected: [UInt8] = [
            0x0A, 0x02, 0x01, 0x02,  // field 1 (LEN), packed enums 1, 2
            0x12, 0x01, 0x03,  // field 2 (LEN), packed enum 3
            0x22, 0x04, 0x78, 0x2E, 0x69, 0x6F,  // field 4 (LEN) "x.io"
            0x2A, 0x02, 0x08, 0x01,  // field 5 (LEN) Timestamp { seconds (field 1) = 1 }
        ]
        #expect(f.serializedBytes() == expected)
        #expect(try SuppressionFilter(serializedBytes: expected) == f)
        // Repeated enums are also accepted unpacked, one field per element.
        let unpacked: [UInt8] = [0x08, 0x01, 0x08, 0x02, 0x10, 0x03, 0x22, 0x04, 0x78, 0x2E, 0x69, 0x6F, 0x2A, 0x02, 0x08, 0x01]
        #expect(try SuppressionFilter(serializedBytes: unpacked) == f)
    }

    @Test func rejectionBytes() throws {
        var r = ImportSuppressionsResponse.Rejection()
        r.location = .csvLine(300)
        r.address = "a@"
        var status = Google.Rpc.Status()
        status.code = 3
        r.error = status
        let expected: [UInt8] = [
            0x08, 0xAC, 0x02,  // field 1 (VARINT) 300 = 0b10_0101100 -> 0xAC 0x02
            0x1A, 0x02, 0x61, 0x40,  // field 3 (LEN) "a@"
            0x22, 0x02, 0x08, 0x03,  // field 4 (LEN) Status { code (field 1) = 3 }
        ]
        #expect(r.serializedBytes() == expected)
        #expect(try ImportSuppressionsResponse.Rejection(serializedBytes: expected) == r)
    }

    @Test func exportChunkBytes() throws {
        var r = ExportSuppressionsResponse()
        var s = Suppression()
        s.address = "a@b"
        s.reason = .complaint
        r.suppressions = [s]
        r.csvData = [0x61, 0x0D, 0x0A]
        r.totalCount = -2
        let expected: [UInt8] = [
            0x0A, 0x07,  // field 1 (LEN), 7 bytes:
            0x12, 0x03, 0x61, 0x40, 0x62,  //   field 2 (LEN) "a@b"
            0x18, 0x02,  //   field 3 (VARINT) COMPLAINT
            0x12, 0x03, 0x61, 0x0D, 0x0A,  // field 2 (LEN) "a\r\n"
            0x18, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01,  // field 3 (VARINT) -2
        ]
        #expect(r.serializedBytes() == expected)
        #expect(try ExportSuppressionsResponse(serializedBytes: expected) == r)
    }

    // MARK: Decoding details

    @Test func unknownFieldsAreKept() throws {
        // GetSuppressionRequest with field 1 = "a" and an unknown field 15 (fixed32 0x01020304).
        let bytes: [UInt8] = [0x0A, 0x01, 0x61, 0x7D, 0x04, 0x03, 0x02, 0x01]
        let decoded = try GetSuppressionRequest(serializedBytes: bytes)
        #expect(decoded.address == "a")
        #expect(decoded.unknownFields.bytes == [0x7D, 0x04, 0x03, 0x02, 0x01])
        #expect(decoded.serializedBytes() == bytes)
    }

    @Test func laterOneofMemberWins() throws {
        let bytes = Self.rejection(.csvLine(2)).serializedBytes() + Self.rejection(.entryIndex(9)).serializedBytes()
        let decoded = try ImportSuppressionsResponse.Rejection(serializedBytes: bytes)
        #expect(decoded.location == .entryIndex(9))
    }

    @Test func registryListsEveryMessage() {
        let names = RelayMessages.suppressionService.map { $0.protoMessageName }
        #expect(names == [
            "relay.v1.Suppression", "relay.v1.SuppressionFilter",
            "relay.v1.AddSuppressionsRequest", "relay.v1.AddSuppressionsRequest.Entry",
            "relay.v1.AddSuppressionsResponse", "relay.v1.AddSuppressionsResponse.EntryResult",
            "relay.v1.RemoveSuppressionRequest", "relay.v1.RemoveSuppressionResponse",
            "relay.v1.GetSuppressionRequest", "relay.v1.GetSuppressionResponse",
            "relay.v1.ListSuppressionsRequest", "relay.v1.ListSuppressionsResponse",
            "relay.v1.ImportSuppressionsRequest", "relay.v1.ImportSuppressionsRequest.Options",
            "relay.v1.ImportSuppressionsResponse", "relay.v1.ImportSuppressionsResponse.Rejection",
            "relay.v1.ExportSuppressionsRequest", "relay.v1.ExportSuppressionsResponse",
        ])
    }
}
