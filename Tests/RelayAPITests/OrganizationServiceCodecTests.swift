import Testing
import RelayAPI

/// Round trips of the codecs of `relay/v1/organization_service.proto`.
@Suite struct OrganizationServiceCodecTests {
    static func organization() -> Organization {
        var o = Organization()
        o.organizationID = "org_0123456789abcdef0123456789abcdef"
        o.name = "Contoso MSP – EU"
        o.createTime = Timestamp(seconds: 1_718_064_000, nanos: 7)
        o.updateTime = Timestamp(seconds: 1_718_064_060, nanos: 8)
        o.rateLimits = RateLimits(perSecond: 10, perMinute: 600, perHour: 20_000, perDay: 300_000)
        o.defaultKeyRateLimits = RateLimits(perSecond: 5, perMinute: 300, perHour: -1, perDay: 7)
        o.effectiveRateLimits = RateLimits(perSecond: 10, perMinute: 600, perHour: 20_000, perDay: 2_000_000)
        o.effectiveDefaultKeyRateLimits = RateLimits(perSecond: 5, perMinute: 300, perHour: 100_000, perDay: 1_000_000)
        return o
    }

    @Test func everyMessageRoundTrips() throws {
        try RoundTrip.check(Self.organization())
        var get = GetOrganizationResponse()
        get.organization = Self.organization()
        try RoundTrip.check(get)
        var update = UpdateOrganizationRequest()
        update.organization = Self.organization()
        update.updateMask = FieldMask(paths: ["name", "rate_limits.per_minute", "default_key_rate_limits"])
        try RoundTrip.check(update)
        var updated = UpdateOrganizationResponse()
        updated.organization = Self.organization()
        try RoundTrip.check(updated)
    }

    @Test func theEmptyRequestEncodesToNothingAndKeepsUnknownFields() throws {
        #expect(GetOrganizationRequest().serializedBytes() == [])
        // Field 9, varint 1: kept and written back.
        let request = try GetOrganizationRequest(serializedBytes: [0x48, 0x01])
        #expect(request.serializedBytes() == [0x48, 0x01])
    }
}
