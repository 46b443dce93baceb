import Testing
import RelayAPI

/// Round trips and byte-exact vectors for the codecs of `relay/v1/key_service.proto`.
@Suite struct KeyServiceCodecTests {
    // MARK: Fully populated values (every field non-default; `RoundTrip.check` verifies that).

    static func rateLimits() -> RateLimits {
        RateLimits(perSecond: 50, perMinute: 4_294_967_295, perHour: -1, perDay: 9_000_000_000)
    }

    static func apiKey(_ keyID: String = "key_01HZX4ABCD") -> ApiKey {
        var k = ApiKey()
        k.keyID = keyID
        k.name = "billing-service production"
        k.prefix = "rly_live_ab12"
        k.scopes = [.send, .readOnly, .unrecognized(-2)]
        k.state = .revoked
        k.createTime = Timestamp(seconds: 1_718_064_000, nanos: 1)
        k.updateTime = Timestamp(seconds: 1_718_064_060, nanos: 2)
        k.expireTime = Timestamp(seconds: 1_749_600_000, nanos: 3)
        k.lastUsedTime = Timestamp(seconds: 1_718_064_120, nanos: 4)
        k.revokeTime = Timestamp(seconds: -1, nanos: 5)
        k.createdBy = "bootstrap"
        k.rateLimits = rateLimits()
        k.previousSecretExpireTime = Timestamp(seconds: 1_718_150_400, nanos: 6)
        return k
    }

    // MARK: Round trips of every message.

    @Test func resourcesRoundTrip() throws {
        try RoundTrip.check(Self.rateLimits())
        try RoundTrip.check(Self.apiKey())
    }

    @Test func createKeyRoundTrips() throws {
        var request = CreateKeyRequest(name: "ci deploys", scopes: [.fullAccess, .domains, .templates])
        request.expireTime = Timestamp(seconds: 1_749_600_000, nanos: 500)
        request.rateLimits = Self.rateLimits()
        try RoundTrip.check(request)

        var response = CreateKeyResponse()
        response.key = Self.apiKey()
        response.secret = "rly_live_ab12Xk9pQ2vT7mW4sY8nB3cD6fG1hJ5"
        try RoundTrip.check(response)
    }

    @Test func getKeyRoundTrips() throws {
        try RoundTrip.check(GetKeyRequest(keyID: "key_01HZX4ABCD"))

        var response = GetKeyResponse()
        response.key = Self.apiKey()
        try RoundTrip.check(response)
    }

    @Test func listKeysRoundTrips() throws {
        var request = ListKeysRequest()
        request.pageSize = -50
        request.pageToken = "eyJiZWZvcmUiOiJrZXlfMDEifQ"
        request.includeRevoked = true
        try RoundTrip.check(request)

        var response = ListKeysResponse()
        response.keys = [Self.apiKey(), Self.apiKey("key_01HZX4EFGH")]
        response.nextPageToken = "eyJiZWZvcmUiOiJrZXlfMDIifQ"
        response.totalSize = -3
        try RoundTrip.check(response)
    }

    @Test func updateKeyRoundTrips() throws {
        var request = UpdateKeyRequest()
        request.key = Self.apiKey()
        request.updateMask = FieldMask(paths: ["name", "scopes", "rate_limits.per_second"])
        try RoundTrip.check(request)

        var response = UpdateKeyResponse()
        response.key = Self.apiKey()
        try RoundTrip.check(response)
    }

    @Test func revokeKeyRoundTrips() throws {
        try RoundTrip.check(RevokeKeyRequest(keyID: "key_01HZX4ABCD"))

        var response = RevokeKeyResponse()
        response.key = Self.apiKey()
        try RoundTrip.check(response)
    }

    @Test func rotateKeyRoundTrips() throws {
        let request = RotateKeyRequest(
            keyID: "key_01HZX4ABCD", gracePeriod: Google.Protobuf.Duration(seconds: -3_600, nanos: -5))
        try RoundTrip.check(request)

        var response = RotateKeyResponse()
        response.key = Self.apiKey()
        response.secret = "rly_live_cd34Lm0nP1qR2sT3uV4wX5yZ6aB7cD8"
        response.oldSecretExpireTime = Timestamp(seconds: 1_718_150_400, nanos: 6)
        try RoundTrip.check(response)
    }

    // MARK: Byte-exact vectors, written out from the encoding rules.

    @Test func rateLimitsBytes() throws {
        // Proto3 `optional`: a set limit is written even at 0, an unset one not at all.
        let limits = RateLimits(perSecond: 0, perDay: -2)
        let expected: [UInt8] = [
            0x08, 0x00,  // 1: per_second 0
            0x20, 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01,  // 4: per_day -2
        ]
        #expect(limits.serializedBytes() == expected)
        #expect(limits.serializedSize == expected.count)
        let decoded = try RateLimits(serializedBytes: expected)
        #expect(decoded.perSecond == 0)
        #expect(decoded.perMinute == nil)
        #expect(decoded.perHour == nil)
        #expect(decoded.perDay == -2)
        #expect(RateLimits().serializedBytes().isEmpty)
    }

    @Test func apiKeyScopesArePacked() throws {
        var key = ApiKey()
        key.keyID = "key_1"
        key.scopes = [.send, .readOnly, .unrecognized(300)]
        let expected: [UInt8] = [
            0x0A, 0x05, 0x6B, 0x65, 0x79, 0x5F, 0x31,  // 1: key_id "key_1"
            0x22, 0x04, 0x02, 0x07, 0xAC, 0x02,  // 4: scopes, packed: 2, 7, 300
        ]
        #expect(key.serializedBytes() == expected)
        #expect(try ApiKey(serializedBytes: expected) == key)

        // Writers that do not pack (field 4 as varints) are read too, and may mix both forms.
        let unpacked: [UInt8] = [0x20, 0x02, 0x22, 0x01, 0x07, 0x20, 0xAC, 0x02]
        #expect(try ApiKey(serializedBytes: unpacked).scopes == [.send, .readOnly, .unrecognized(300)])
    }

    @Test func rotateKeyRequestBytes() throws {
        // 24 hours = 86,400 s = varint 0x80 0xA3 0x05.
        let request = RotateKeyRequest(keyID: "key_1", gracePeriod: Google.Protobuf.Duration(seconds: 86_400))
        let expected: [UInt8] = [
            0x0A, 0x05, 0x6B, 0x65, 0x79, 0x5F, 0x31,  // 1: key_id "key_1"
            0x12, 0x04, 0x08, 0x80, 0xA3, 0x05,  // 2: grace_period {seconds: 86400}
        ]
        #expect(request.serializedBytes() == expected)
        #expect(try RotateKeyRequest(serializedBytes: expected) == request)

        // A zero grace period (end the old secret at once) differs from an unset one (24 h).
        let immediate = RotateKeyRequest(keyID: "key_1", gracePeriod: Google.Protobuf.Duration())
        #expect(immediate.serializedBytes() == Array(expected[0..<7]) + [0x12, 0x00])
        #expect(try RotateKeyRequest(serializedBytes: [0x12, 0x00]).gracePeriod == Google.Protobuf.Duration())
        #expect(RotateKeyRequest(keyID: "key_1").serializedBytes() == Array(expected[0..<7]))
    }

    @Test func keyScopeNumbers() {
        let scopes: [KeyScope] = [.unspecified, .fullAccess, .send, .domains, .templates, .suppressions, .analytics, .readOnly]
        #expect(scopes.map(\.rawValue) == Array(0...7))
        #expect(scopes.map { KeyScope(rawValue: $0.rawValue) } == scopes)
        #expect(KeyScope(rawValue: 8) == .unrecognized(8))
    }

    @Test func registryListsEveryMessage() {
        let names = RelayMessages.keyService.map { $0.protoMessageName }
        #expect(Set(names).count == names.count)
        #expect(Set(names) == Set([
            "RateLimits", "ApiKey", "CreateKeyRequest", "CreateKeyResponse", "GetKeyRequest", "GetKeyResponse",
            "ListKeysRequest", "ListKeysResponse", "UpdateKeyRequest", "UpdateKeyResponse",
            "RevokeKeyRequest", "RevokeKeyResponse", "RotateKeyRequest", "RotateKeyResponse",
        ].map { "relay.v1." + $0 }))
    }

    @Test func populationCheckSeesDefaults() {
        // Guards `RoundTrip.check`: an empty message reports every field, a partial one the rest.
        #expect(RoundTrip.unsetFields(of: ApiKey()).count == 13)
        var k = Self.apiKey()
        k.scopes = [.send]
        k.rateLimits?.perHour = 0
        k.rateLimits?.perDay = nil
        #expect(RoundTrip.unsetFields(of: k) == ["scopes", "rateLimits.perHour", "rateLimits.perDay"])
    }
}
