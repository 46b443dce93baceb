public import Foundation
public import RelayDomain
internal import Synchronization

/// Four fixed windows (second, minute, hour, day) per key and per organization, shared by every
/// instance through counters in the database, without a database round trip per call.
///
/// Each instance leases blocks of calls from the shared counters (``RateLimitCounters/take(_:)``
/// never grants past the limit, whatever the instances do at once) and admits calls from its local
/// leases under one lock. A call costs a round trip only when a lease it needs is used up: with
/// the default block of 1/20 of the limit (at most 500), that is one call in `block` per window.
/// So the instances together never admit more than a window's limit; they may admit fewer, by at
/// most the unused part of each other instance's last block (under `instances × block`).
/// A window whose counter said "nothing left" rejects locally until it ends.
public final class RateLimiter: Sendable {
    /// How big the leases are.
    public struct Options: Sendable {
        /// A lease is the limit divided by this (at least 1 call).
        public var leaseDivisor: Int64 = 20
        /// The largest lease.
        public var maxLease: Int64 = 500

        /// The defaults: 1/20 of the limit, at most 500.
        public init() {}
    }

    private struct Lease {
        var windowStart: Int64 = -1
        var remaining: Int64 = 0
        var exhausted = false
    }

    private enum Decision {
        case admitted
        case rejected(DomainError)
        case refill([RateLimitTake])
    }

    private let counters: any RateLimitCounters
    private let options: Options
    private let clock: @Sendable () -> Date
    /// Per subject, one lease per window (in `RateWindow.allCases` order).
    private let leases = Mutex<[RateLimitSubject: [Lease]]>([:])

    /// A limiter over shared `counters`.
    public init(counters: any RateLimitCounters, options: Options = Options(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.counters = counters
        self.options = options
        self.clock = clock
    }

    /// Admits one call of `principal`, or throws ``DomainError/rateLimited(subject:window:limit:retryAfter:)``
    /// for the exhausted window that ends last.
    public func admit(_ principal: Principal) async throws(DomainError) {
        let subjects: [(RateLimitSubject, RateLimits)] = [
            (.key(principal.keyID), principal.keyLimits), (.organization(principal.organizationID), principal.organizationLimits),
        ]
        for _ in 0..<4 {
            let now = clock().timeIntervalSince1970
            switch decide(subjects, organization: principal.organizationID, now: now) {
            case .admitted: return
            case .rejected(let error): throw error
            case .refill(let takes):
                let granted = try await counters.take(takes)
                apply(takes, granted)
            }
        }
        // Leases keep running out under heavy contention: say so rather than loop.
        throw DomainError.unavailable("the rate limiter could not lease calls; retry")
    }

    private func decide(_ subjects: [(RateLimitSubject, RateLimits)], organization: OrganizationID, now: Double) -> Decision {
        leases.withLock { leases in
            var refills: [RateLimitTake] = []
            var rejection: (error: DomainError, end: Int64)?
            for (subject, limits) in subjects {
                var windows = leases[subject] ?? Array(repeating: Lease(), count: RateWindow.allCases.count)
                for (index, window) in RateWindow.allCases.enumerated() {
                    guard let limit = limits[window] else { continue }
                    let length = Int64(window.seconds)
                    let start = Int64(now.rounded(.down)) / length * length
                    if windows[index].windowStart != start { windows[index] = Lease(windowStart: start) }
                    if windows[index].exhausted {
                        let end = start + length
                        if rejection == nil || end > rejection!.end {
                            let retry = Duration.milliseconds(max(1, Int64(((Double(end) - now) * 1000).rounded(.up))))
                            rejection = (.rateLimited(subject: subject, window: window, limit: limit, retryAfter: retry), end)
                        }
                    } else if windows[index].remaining == 0 {
                        refills.append(RateLimitTake(
                            organizationID: organization, subject: subject, window: window,
                            windowStart: Date(timeIntervalSince1970: Double(start)), wanted: lease(for: limit), limit: limit))
                    }
                }
                leases[subject] = windows
            }
            if let rejection { return .rejected(rejection.error) }
            if !refills.isEmpty { return .refill(refills) }
            for (subject, limits) in subjects {
                for (index, window) in RateWindow.allCases.enumerated() where limits[window] != nil {
                    leases[subject]![index].remaining -= 1
                }
            }
            return .admitted
        }
    }

    private func apply(_ takes: [RateLimitTake], _ granted: [Int64]) {
        leases.withLock { leases in
            for (take, got) in zip(takes, granted) {
                guard let index = RateWindow.allCases.firstIndex(of: take.window),
                    var windows = leases[take.subject],
                    windows[index].windowStart == Int64(take.windowStart.timeIntervalSince1970)
                else { continue }
                windows[index].remaining += got
                if got == 0 { windows[index].exhausted = true }
                leases[take.subject] = windows
            }
            if leases.count > 50_000 { leases.removeAll() }  // bounded memory: leases are re-taken
        }
    }

    private func lease(for limit: Int64) -> Int64 {
        min(options.maxLease, max(1, limit / options.leaseDivisor))
    }
}
