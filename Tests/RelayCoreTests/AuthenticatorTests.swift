import Foundation
import RelayCore
import RelayDomain
import Synchronization
import Testing

@Suite struct AuthenticatorTests {
    let organization = OrganizationID(UUID())

    func makeKey(_ keys: InMemoryKeys, scopes: Set<Scope> = [.send], expiresAt: Date? = nil) async throws -> (APIKey, String) {
        let made = try KeyManagement.bootstrapKey(organization: organization, name: "test", scopes: scopes)
        var new = made.key
        new.expiresAt = expiresAt
        let key = try await keys.create(new, audit: AuditContext(actor: nil, requestID: ""))
        return (key, made.secret)
    }

    @Test func aKnownSecretGivesItsPrincipalFromTheCacheAfterTheFirstCall() async throws {
        let keys = InMemoryKeys(organizationLimits: RateLimits(perSecond: 500))
        var options = Authenticator.Options()
        options.defaultKeyLimits = RateLimits(perSecond: 50, perMinute: 1000)
        let authenticator = Authenticator(keys: keys, options: options)
        let (key, secret) = try await makeKey(keys)
        #expect(secret.hasPrefix("rly_live_") && secret.count == 52)
        #expect(secret.hasPrefix(key.prefix))
        for _ in 0..<5 {
            let principal = try await authenticator.authenticate(secret)
            #expect(principal.keyID == key.id && principal.organizationID == organization && principal.scopes == [.send])
            #expect(principal.keyLimits == RateLimits(perSecond: 50, perMinute: 1000))
            #expect(principal.organizationLimits == RateLimits(perSecond: 500))
        }
        #expect(keys.lookups.load(ordering: .relaxed) == 1)
    }

    @Test func callsMissingTheCacheTogetherShareOneLookup() async throws {
        let keys = InMemoryKeys(lookupDelay: .milliseconds(50))
        let authenticator = Authenticator(keys: keys)
        let (key, secret) = try await makeKey(keys)
        try await withThrowingTaskGroup(of: APIKeyID.self) { group in
            for _ in 0..<50 { group.addTask { try await authenticator.authenticate(secret).keyID } }
            for try await id in group { #expect(id == key.id) }
        }
        #expect(keys.lookups.load(ordering: .relaxed) == 1)
    }

    @Test func aSessionChecksTheSameCredentialAgainWithoutTheStoreUntilItsKeyChanges() async throws {
        let keys = InMemoryKeys()
        let authenticator = Authenticator(keys: keys)
        let (key, secret) = try await makeKey(keys)
        let (_, session) = try await authenticator.authenticate(secret[...], reusing: nil)
        for _ in 0..<5 { #expect(try authenticator.reauthenticate(secret[...], with: session)?.keyID == key.id) }
        // Another credential is not this session's.
        #expect(try authenticator.reauthenticate("rly_live_other"[...], with: session) == nil)
        // A revocation (the change feed's forget) makes the session stale at once.
        _ = try await keys.revoke(key.id, in: organization, audit: AuditContext(actor: nil, requestID: ""))
        authenticator.forget(key.id)
        #expect(try authenticator.reauthenticate(secret[...], with: session) == nil)
        await #expect(throws: DomainError.unauthenticated("the API key \(key.prefix)… was revoked")) {
            _ = try await authenticator.authenticate(secret[...], reusing: session)
        }
        #expect(keys.lookups.load(ordering: .relaxed) == 2)
    }

    @Test(arguments: ["", "Bearer", "rly_live_", "sk_live_abc", "rly_live_with space", String(repeating: "rly_", count: 40)])
    func malformedOrUnknownSecretsAreUnauthenticated(secret: String) async throws {
        let authenticator = Authenticator(keys: InMemoryKeys())
        let error = await #expect(throws: DomainError.self) { try await authenticator.authenticate(secret) }
        guard case .unauthenticated = error else {
            Issue.record("expected unauthenticated, got \(String(describing: error))")
            return
        }
    }

    @Test func revokedAndExpiredKeysFailOnceTheCacheForgetsThem() async throws {
        let keys = InMemoryKeys()
        let clock = TestClock(Date())
        let authenticator = Authenticator(keys: keys, clock: clock.function)
        let (key, secret) = try await makeKey(keys, expiresAt: clock.date.addingTimeInterval(60))
        _ = try await authenticator.authenticate(secret)
        // Expiry is checked at every call, against the clock, cache or not.
        clock.advance(61)
        await #expect(throws: DomainError.unauthenticated("the API key \(key.prefix)… has expired")) { try await authenticator.authenticate(secret) }
        clock.advance(-61)
        _ = try await keys.revoke(key.id, in: organization, audit: AuditContext(actor: nil, requestID: ""))
        // Still cached: the change feed (or the cache lifetime) is what makes it fail.
        _ = try await authenticator.authenticate(secret)
        authenticator.forget(key.id)
        await #expect(throws: DomainError.unauthenticated("the API key \(key.prefix)… was revoked")) { try await authenticator.authenticate(secret) }
    }

    @Test func aRotatedSecretWorksUntilItsGraceEnds() async throws {
        let keys = InMemoryKeys()
        let clock = TestClock(Date())
        let authenticator = Authenticator(keys: keys, clock: clock.function)
        let management = KeyManagement(keys: keys, clock: clock.function)
        let (key, old) = try await makeKey(keys, scopes: [.fullAccess])
        let caller = try await authenticator.authenticate(old)
        let rotated = try await management.rotate(key.id, gracePeriod: .seconds(3600), by: caller, requestID: "r")
        #expect(rotated.secret != old)
        authenticator.forget(nil)
        #expect(try await authenticator.authenticate(rotated.secret).keyID == key.id)
        let viaOld = try await authenticator.authenticate(old)
        #expect(viaOld.validUntil == rotated.oldSecretExpiresAt)
        clock.advance(3601)
        await #expect(throws: DomainError.self) { try await authenticator.authenticate(old) }
        #expect(try await authenticator.authenticate(rotated.secret).keyID == key.id)
    }

    @Test func lastUseIsWrittenOnFlushToTheMinuteNotPerCall() async throws {
        let keys = InMemoryKeys()
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_030))
        let authenticator = Authenticator(keys: keys, clock: clock.function)
        let (key, secret) = try await makeKey(keys)
        for _ in 0..<10 { _ = try await authenticator.authenticate(secret) }
        #expect(try await keys.get(key.id, in: organization).lastUsedAt == nil)
        await authenticator.flushUsage()
        #expect(try await keys.get(key.id, in: organization).lastUsedAt == Date(timeIntervalSince1970: 1_800_000_000))
    }
}
