import Testing
import RelayAPI

/// Round trips and byte-exact vectors for the codecs of `relay/v1/domain_service.proto`.
@Suite struct DomainServiceCodecTests {
    // MARK: Fully populated values (every field non-default; `RoundTrip.check` verifies that).

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
        try RoundTrip.check(Self.dkimKey("rly20240611", .ed25519))
        try RoundTrip.check(Self.spfRecord())
        try RoundTrip.check(Self.domain())
    }

    @Test func createDomainRoundTrips() throws {
        var request = CreateDomainRequest(name: "example.com", dkimAlgorithm: .ed25519)
        request.returnPathSubdomain = "bounces.mail"
        request.dkimSelector = "mail2024"
        try RoundTrip.check(request)

        var response = CreateDomainResponse()
        response.domain = Self.domain()
        try RoundTrip.check(response)
    }

    @Test(arguments: [GetDomainRequest.Lookup.domainID("dom_01HZX3K8Q"), .name("Example.COM")])
    func getDomainRequestRoundTrips(lookup: GetDomainRequest.Lookup) throws {
        try RoundTrip.check(GetDomainRequest(lookup))
    }

    @Test func getDomainResponseRoundTrips() throws {
        var response = GetDomainResponse()
        response.domain = Self.domain()
        try RoundTrip.check(response)
    }

    @Test func listDomainsRoundTrips() throws {
        var request = ListDomainsRequest()
        request.pageSize = -1
        request.pageToken = "eyJhZnRlciI6ImV4YW1wbGUuY29tIn0"
        request.status = .failed
        try RoundTrip.check(request)

        var second = Self.domain()
        second.name = "example.org"
        second.status = .temporaryFailure
        var response = ListDomainsResponse()
        response.domains = [Self.domain(), second]
        response.nextPageToken = "eyJhZnRlciI6ImV4YW1wbGUub3JnIn0"
        response.totalSize = -7
        try RoundTrip.check(response)
    }

    @Test func verifyDomainRoundTrips() throws {
        try RoundTrip.check(VerifyDomainRequest(domainID: "dom_01HZX3K8Q"))

        var response = VerifyDomainResponse()
        response.domain = Self.domain()
        response.verified = true
        try RoundTrip.check(response)
    }

    @Test func deleteDomainRoundTrips() throws {
        try RoundTrip.check(DeleteDomainRequest(domainID: "dom_01HZX3K8Q"))

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
        try RoundTrip.check(request)

        var response = RotateDkimKeyResponse()
        response.domain = Self.domain()
        response.newRecord = Self.spfRecord()
        response.retiringSelector = "rly20240611"
        try RoundTrip.check(response)
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
        // Guards `RoundTrip.check`: an empty message reports every field, a partial one the rest.
        #expect(RoundTrip.unsetFields(of: Domain()).count == 14)
        var d = Self.domain()
        d.records = [Self.spfRecord()]
        d.dkimKey?.retireTime = nil
        #expect(RoundTrip.unsetFields(of: d) == ["dkimKey.retireTime", "records"])
        #expect(RoundTrip.unsetFields(of: GetDomainRequest()) == ["lookup"])
        #expect(RoundTrip.unsetFields(of: GetDomainRequest(.name(""))) == ["lookup.name"])
    }
}
