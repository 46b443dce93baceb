import Foundation
import RelayCore
import RelayDomain
import Synchronization
import Testing

@Suite struct RateLimiterTests {
    let organization = OrganizationID(UUID())
    let key = APIKeyID(UUID())

    func principal(key: RateLimits, organization limits: RateLimits = RateLimits()) -> Principal {
        Principal(keyID: self.key, organizationID: organization, scopes: [.send], keyLimits: key, organizationLimits: limits, validUntil: nil)
    }

    func admitted(_ limiter: RateLimiter, _ principal: Principal, _ calls: Int) async -> (admitted: Int, last: DomainError?) {
        var admitted = 0
        var last: DomainError?
        for _ in 0..<calls {
            do {
                try await limiter.admit(principal)
                admitted += 1
            } catch {
                last = error
            }
        }
        return (admitted, last)
    }

    @Test(arguments: [RateWindow.second, .minute, .hour, .day])
    func eachWindowStopsAtItsLimitAndSaysWhenToRetry(window: RateWindow) async throws {
        let clock = TestClock(Date(timeIntervalSince1970: Double(1_800_000_000 / 86400 * 86400) + 0.25))
        let limiter = RateLimiter(counters: InMemoryCounters(), clock: clock.function)
        var limits = RateLimits()
        limits[window] = 7
        let result = await admitted(limiter, principal(key: limits), 10)
        #expect(result.admitted == 7)
        guard case .rateLimited(let subject, let hit, let limit, let retry) = result.last else {
            Issue.record("expected rateLimited, got \(String(describing: result.last))")
            return
        }
        #expect(subject == .key(key))
        #expect(hit == window)
        #expect(limit == 7)
        // The window started 0.25 s ago.
        let expected = Double(window.seconds) - 0.25
        let retrySeconds = Double(retry.components.seconds) + Double(retry.components.attoseconds) / 1e18
        #expect(abs(retrySeconds - expected) < 0.01)
        // Once the window is over, calls pass again.
        clock.advance(Double(window.seconds))
        #expect(await admitted(limiter, principal(key: limits), 1).admitted == 1)
    }

    @Test func theOrganizationsLimitCountsAllItsKeys() async throws {
        let limiter = RateLimiter(counters: InMemoryCounters(), clock: TestClock().function)
        let other = Principal(
            keyID: APIKeyID(UUID()), organizationID: organization, scopes: [.send], keyLimits: RateLimits(),
            organizationLimits: RateLimits(perMinute: 10), validUntil: nil)
        let mine = principal(key: RateLimits(), organization: RateLimits(perMinute: 10))
        #expect(await admitted(limiter, mine, 6).admitted == 6)
        let result = await admitted(limiter, other, 6)
        #expect(result.admitted == 4)
        guard case .rateLimited(.organization(let org), .minute, 10, _) = result.last else {
            Issue.record("expected the organization's minute window, got \(String(describing: result.last))")
            return
        }
        #expect(org == organization)
    }

    @Test func theExhaustedWindowThatEndsLastIsReported() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: Double(1_800_000_000 / 86400 * 86400) + 10))
        let limiter = RateLimiter(counters: InMemoryCounters(), clock: clock.function)
        let limits = RateLimits(perSecond: 3, perDay: 3)
        let result = await admitted(limiter, principal(key: limits), 5)
        #expect(result.admitted == 3)
        guard case .rateLimited(_, .day, 3, _) = result.last else {
            Issue.record("expected the day window, got \(String(describing: result.last))")
            return
        }
    }

    @Test func leasesSaveRoundTripsAndInstancesNeverExceedTheLimitTogether() async throws {
        let counters = InMemoryCounters()
        let clock = TestClock()
        let a = RateLimiter(counters: counters, clock: clock.function)
        let b = RateLimiter(counters: counters, clock: clock.function)
        let limits = RateLimits(perMinute: 1000)
        var admitted = 0
        for _ in 0..<800 {
            for limiter in [a, b] where (try? await limiter.admit(principal(key: limits))) != nil { admitted += 1 }
        }
        // Never more than the limit; fewer by at most one lease (1000 / 20) per instance.
        #expect(admitted <= 1000)
        #expect(admitted >= 1000 - 2 * 50)
        // One round trip per lease of 50, not one per call.
        #expect(counters.roundTrips.load(ordering: .relaxed) < 60)
    }

    @Test func unlimitedWindowsAreNotCounted() async throws {
        let counters = InMemoryCounters()
        let limiter = RateLimiter(counters: counters, clock: TestClock().function)
        #expect(await admitted(limiter, principal(key: RateLimits()), 100).admitted == 100)
        #expect(counters.roundTrips.load(ordering: .relaxed) == 0)
    }
}
