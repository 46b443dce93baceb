import Testing
import RelayAPI

/// Round trips and byte-exact vectors for the codecs of `relay/v1/domain_service.proto`.
@Suite struct DomainServiceCodecTests {
    // MARK: Fully populated values (every field non-default; `checkRoundTrip` verifies that).

    static let created = Timestamp(seconds: 1_718_064_000, nanos: 125_000_000)
    static let before1970 = Timestamp(seconds: -86_400, nanos: 1)

    static func dkimKey(_ selector: String, _ algorithm: DkimKeyAlgorithm = .rsa2048) -> DkimKey {
        var k = DkimKey()
        k.selector = selector
        k.algorithm = algorithm
        k.publicKey = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAq1"
        k.createTime = created
        k.activateTime = Timestamp(seconds: 1_718_067_600, nanos: 7)
        k.retireTime = before1970
        return k
    }

    static func spfRecord() -> DnsRecord {
        var r = DnsRecord()
        r.purpose = .spf
        r.type = .txt
        r.name = "rp.example.com"
        r.host = "rp"
        r.value = "v=spf1 include:_spf.google.com include:spf.theonerelay.com ~all"
        r.priority = -10
        r.required = true
        r.dkimSelector = "rly20240611"
        r.checkState = .mismatched
        r.foundValues = ["v=spf1 include:_spf.google.com ~all", "v=spf1 a mx -all"]
        r.explanation = "several SPF records"
        r.spfAddInclude = true
        r.spfInclude = "include:spf.theonerelay.com"
        r.checkTime = Timestamp(seconds: 1_718_070_000, nanos: 999_999_999)
        return r
    }

    static func domain() -> Domain {
        var d = Domain()
        d.domainID = "dom_01HZX3K8Q"
        d.name = "xn--bcher-kva.example"
        d.status = .degraded
        d.statusDetail = "DKIM record missing"
        d.sendingAllowed = true
        d.dkimKey = dkimKey("rly20240611")
        d.pendingDkimKey = dkimKey("rly20250101", .ed25519)
        d.retiringDkimKey = dkimKey("mail2023", .unrecognized(-3))
        d.returnPathDomain = "rp.xn--bcher-kva.example"
        var mx = spfRecord()
        mx.purpose = .returnPath
        mx.type = .mx
        mx.checkState = .lookupFailed
        mx.priority = 10
        d.records = [spfRecord(), mx]
        d.createTime = created
        d.verifyTime = Timestamp(seconds: 1_718_067_600, nanos: 1)
        d.lastCheckTime = Timestamp(seconds: 1_718_070_000, nanos: 2)
        d.nextCheckTime = Timestamp(seconds: 1_718_073_600, nanos: 3)
        return d
    }

    // MARK: Round trips of every message.

    @Test func resourcesRoundTrip() throws {
        try Self.checkRoundTrip(Self.dkimKey("rly20240611", .ed25519))
        try Self.checkRoundTrip(Self.spfRecord())
        try Self.checkRoundTrip(Self.domain())
    }

    @Test func createDomainRoundTrips() throws {
        var request = CreateDomainRequest(name: "example.com", dkimAlgorithm: .ed25519)
        request.returnPathSubdomain = "bounces.mail"
        request.dkimSelector = "mail2024"
        try Self.checkRoundTrip(request)

        var response = CreateDomainResponse()
        response.domain = Self.domain()
        try Self.checkRoundTrip(response)
    }

    @Test(arguments: [GetDomainRequest.Lookup.domainID("dom_01HZX3K8Q"), .name("Example.COM")])
    func getDomainRequestRoundTrips(lookup: GetDomainRequest.Lookup) throws {
        try Self.checkRoundTrip(GetDomainRequest(lookup))
    }

    @Test func getDomainResponseRoundTrips() throws {
        var response = GetDomainResponse()
        response.domain = Self.domain()
        try Self.checkRoundTrip(response)
    }

    @Test func listDomainsRoundTrips() throws {
        var request = ListDomainsRequest()
        request.pageSize = -1
        request.pageToken = "eyJhZnRlciI6ImV4YW1wbGUuY29tIn0"
        request.status = .failed
        try Self.checkRoundTrip(request)

        var second = Self.domain()
        second.name = "example.org"
        second.status = .temporaryFailure
        var response = ListDomainsResponse()
        response.domains = [Self.domain(), second]
        response.nextPageToken = "eyJhZnRlciI6ImV4YW1wbGUub3JnIn0"
        response.totalSize = -7
        try Self.checkRoundTrip(response)
    }

    @Test func verifyDomainRoundTrips() throws {
        try Self.checkRoundTrip(VerifyDomainRequest(domainID: "dom_01HZX3K8Q"))

        var response = VerifyDomainResponse()
        response.domain = Self.domain()
        response.verified = true
        try Self.checkRoundTrip(response)
    }

    @Test func deleteDomainRoundTrips() throws {
        try Self.checkRoundTrip(DeleteDomainRequest(domainID: "dom_01HZX3K8Q"))

        // The response has no fields: a field from a newer schema is kept and written back.
        let bytes: [UInt8] = [0x08, 0x96, 0x01, 0x12, 0x01, 0x61]
        let response = try DeleteDomainResponse(serializedBytes: bytes)
        #expect(response.unknownFields.bytes == bytes)
        #expect(response.serializedBytes() == bytes)
        #expect(response.serializedSize == bytes.count)
        #expect(DeleteDomainResponse().serializedBytes().isEmpty)
    }

    @Test func rotateDkimKeyRoundTrips() throws {
        var request = RotateDkimKeyRequest()
        request.domainID = "dom_01HZX3K8Q"
        request.algorithm = .rsa2048
        request.selector = "rly20250101"
        try Self.checkRoundTrip(request)

        var response = RotateDkimKeyResponse()
        response.domain = Self.domain()
        response.newRecord = Self.spfRecord()
        response.retiringSelector = "rly20240611"
        try Self.checkRoundTrip(response)
    }

    // MARK: Byte-exact vectors, written out from the encoding rules.

    @Test func dnsRecordBytes() throws {
        var r = DnsRecord()
        r.purpose = .spf  // 2
        r.type = .txt  // 1
        r.name = "a.io"
        r.priority = -1  // int32: sign-extended to a 10-byte varint
        r.required = true
        r.foundValues = ["x", "y"]
        r.spfAddInclude = true
        r.checkTime = Timestamp(seconds: 1, nanos: 2)
        let expected: [UInt8] = [
            0x08, 0x02,  // 1: purpose, varint 2
            0x10, 0x01,  // 2: type, varint 1
            0x1A, 0x04, 0x61, 0x2E, 0x69, 0x6F,  // 3: name, "a.io"
            0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01,  // 6: priority -1
            0x38, 0x01,  // 7: required
            0x52, 0x01, 0x78,  // 10: found_values "x"
            0x52, 0x01, 0x79,  // 10: found_values "y"
            0x60, 0x01,  // 12: spf_add_include
            0x72, 0x04, 0x08, 0x01, 0x10, 0x02,  // 14: check_time {seconds: 1, nanos: 2}
        ]
        #expect(r.serializedBytes() == expected)
        #expect(r.serializedSize == expected.count)
        #expect(try DnsRecord(serializedBytes: expected) == r)
    }

    @Test func getDomainRequestBytes() throws {
        // A oneof member is written even at its default value, so "" still selects `name`.
        let byName = GetDomainRequest(.name(""))
        #expect(byName.serializedBytes() == [0x12, 0x00])
        #expect(try GetDomainRequest(serializedBytes: [0x12, 0x00]).lookup == .name(""))

        let byID = GetDomainRequest(.domainID("dom_1"))
        let idBytes: [UInt8] = [0x0A, 0x05, 0x64, 0x6F, 0x6D, 0x5F, 0x31]
        #expect(byID.serializedBytes() == idBytes)

        // When both members arrive, the last one wins.
        let both = try GetDomainRequest(serializedBytes: idBytes + [0x12, 0x01, 0x61])
        #expect(both.lookup == .name("a"))
        let reversed = try GetDomainRequest(serializedBytes: [0x12, 0x01, 0x61] + idBytes)
        #expect(reversed.lookup == .domainID("dom_1"))
    }

    @Test func unknownEnumValuesSurvive() throws {
        var request = ListDomainsRequest()
        request.status = .unrecognized(42)
        let bytes = request.serializedBytes()
        #expect(bytes == [0x18, 0x2A])
        #expect(try ListDomainsRequest(serializedBytes: bytes).status == .unrecognized(42))
    }

    @Test func registryListsEveryMessage() {
        let names = RelayMessages.domainService.map { $0.protoMessageName }
        #expect(Set(names).count == names.count)
        #expect(Set(names) == Set([
            "DkimKey", "DnsRecord", "Domain",
            "CreateDomainRequest", "CreateDomainResponse", "GetDomainRequest", "GetDomainResponse",
            "ListDomainsRequest", "ListDomainsResponse", "VerifyDomainRequest", "VerifyDomainResponse",
            "DeleteDomainRequest", "DeleteDomainResponse", "RotateDkimKeyRequest", "RotateDkimKeyResponse",
        ].map { "relay.v1." + $0 }))
    }

    @Test func populationCheckSeesDefaults() {
        // Guards `checkRoundTrip`: an empty message reports every field, a partial one the rest.
        #expect(Self.unsetFields(of: Domain()).count == 14)
        var d = Self.domain()
        d.records = [Self.spfRecord()]
        d.dkimKey?.retireTime = nil
        #expect(Self.unsetFields(of: d) == ["dkimKey.retireTime", "records"])
        #expect(Self.unsetFields(of: GetDomainRequest()) == ["lookup"])
        #expect(Self.unsetFields(of: GetDomainRequest(.name(""))) == ["lookup.name"])
    }

    // MARK: Helpers

    /// Checks that `value` sets every field, that its size is exact, and that it survives a round trip.
    static func checkRoundTrip<M: ProtoMessage>(
        _ value: M, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(unsetFields(of: value) == [], "not fully populated", sourceLocation: sourceLocation)
        let bytes = value.serializedBytes()
        #expect(value.serializedSize == bytes.count, sourceLocation: sourceLocation)
        let decoded = try M(serializedBytes: bytes)
        #expect(decoded == value, sourceLocation: sourceLocation)
        #expect(decoded.serializedBytes() == bytes, sourceLocation: sourceLocation)
    }

    /// The paths of the fields of `message` (recursively) left at their default, or with fewer
    /// than two elements if repeated.
    static func unsetFields(of message: Any, path: String = "") -> [String] {
        var unset: [String] = []
        for child in Mirror(reflecting: message).children {
            guard let label = child.label, label != "unknownFields" else { continue }
            unset += unsetValue(child.value, path: path.isEmpty ? label : path + "." + label)
        }
        return unset
    }

    private static func unsetValue(_ value: Any, path: String) -> [String] {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first?.value else { return [path] }
            return unsetValue(wrapped, path: path)
        }
        switch value {
        case let v as String: return v.isEmpty ? [path] : []
        case let v as Bool: return v ? [] : [path]
        case let v as [UInt8]: return v.isEmpty ? [path] : []
        case let v as any ProtoEnum: return v.rawValue == 0 ? [path] : []
        case let v as any BinaryInteger: return v.trailingZeroBitCount == v.bitWidth ? [path] : []
        case let v as any ProtoMessage: return unsetFields(of: v, path: path)
        case let v as [Any]:
            if v.count < 2 { return [path] }
            return v.enumerated().flatMap { unsetValue($1, path: "\(path)[\($0)]") }
        case let v as [AnyHashable: Any]: return v.count < 2 ? [path] : []
        default:
            // A oneof case: check its payload.
            guard mirror.displayStyle == .enum, let payload = mirror.children.first else { return [] }
            return unsetValue(payload.value, path: path + "." + (payload.label ?? "?"))
        }
    }
}
