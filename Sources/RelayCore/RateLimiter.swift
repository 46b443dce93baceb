public import Foundation
public import RelayDomain
internal import Synchronization

/// Four fixed windows (second, minute, hour, day) per key and per organization, shared by every
/// instance through counters in the database, without a database round trip per call.
///
/// Each instance leases blocks of calls from the shared counters (``RateLimitCounters/take(_:)``
/// never grants past the limit, whatever the instances do at once) and admits calls from its local
/// leases under one lock. A lease is 1/20 of the limit (at least 1, at most 10,000 calls). When a
/// lease runs low (under a quarter left) a refill is fetched in the background, so calls do not
/// wait for the database; only a call that finds a lease empty waits, for the one refill in
/// flight (never one per call). So the instances together never admit more than a window's
/// limit, and may admit fewer by at most the unused part of each instance's last lease. A window
/// whose counter said "nothing left" rejects locally until it ends.
public final class RateLimiter: Sendable {
    /// How big the leases are.
    public struct Options: Sendable {
        /// A lease is the limit divided by this (at least 1 call).
        public var leaseDivisor: Int64 = 20
        /// The largest lease.
        public var maxLease: Int64 = 10_000

        /// The defaults: 1/20 of the limit, at most 10,000.
        public init() {}
    }

    private struct Lease {
        var windowStart: Int64 = -1
        var remaining: Int64 = 0
        var exhausted = false
    }

    /// One subject's leases (in `Self.windows` order) and its refill in flight.
    private struct Subject {
        var leases = Array(repeating: Lease(), count: RateLimiter.windows.count)
        var refilling = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private enum Decision {
        case admitted(prefetch: [RateLimitTake])
        case rejected(DomainError)
        case refill([RateLimitTake])
        case wait
    }

    /// The windows, in lease order (`allCases` would build an array per call).
    private static let windows = RateWindow.allCases
    private let counters: any RateLimitCounters
    private let options: Options
    private let clock: @Sendable () -> Date
    private let subjects = Mutex<[RateLimitSubject: Subject]>([:])

    /// A limiter over shared `counters`.
    public init(counters: any RateLimitCounters, options: Options = Options(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.counters = counters
        self.options = options
        self.clock = clock
    }

    /// Admits one call of `principal`, or throws ``DomainError/rateLimited(subject:window:limit:retryAfter:)``
    /// for the exhausted window that ends last.
    /// Admits one call from the local leases when they allow it without waiting: true if admitted
    /// (the common case, no suspension); false when ``admit(_:)`` must be awaited. A call it
    /// rejects throws at once.
    public func admitNow(_ principal: Principal) throws(DomainError) -> Bool {
        switch decide(principal, now: clock().timeIntervalSince1970) {
        case .admitted(let prefetch):
            if !prefetch.isEmpty { Task { try? await self.refill(prefetch) } }
            return true
        case .rejected(let error):
            throw error
        case .refill(let takes):
            // Give the refill back to the awaiting path: nothing was taken yet.
            release(takes)
            return false
        case .wait:
            return false
        }
    }

    public nonisolated(nonsending) func admit(_ principal: Principal) async throws(DomainError) {
        for _ in 0..<8 {
            switch decide(principal, now: clock().timeIntervalSince1970) {
            case .admitted(let prefetch):
                if !prefetch.isEmpty { Task { try? await self.refill(prefetch) } }
                return
            case .rejected(let error):
                throw error
            case .refill(let takes):
                try await refill(takes)
            case .wait:
                await waitForRefill(of: [.key(principal.keyID), .organization(principal.organizationID)])
            }
        }
        // Leases keep running out under heavy contention: say so rather than loop.
        throw DomainError.unavailable("the rate limiter could not lease calls in time; retry")
    }

    /// What one subject's leases say about a call.
    private struct Look {
        var empty: [RateLimitTake] = []
        var low: [RateLimitTake] = []
        var waitForRefill = false
        var rejection: (error: DomainError, end: Int64)?
    }

    private func decide(_ principal: Principal, now: Double) -> Decision {
        let key = RateLimitSubject.key(principal.keyID)
        let organization = RateLimitSubject.organization(principal.organizationID)
        return subjects.withLock { subjects in
            var look = Look()
            // In place (`default:` subscript): no copy of the leases on the hot path.
            inspect(&subjects[key, default: Subject()], key, principal.keyLimits, principal.organizationID, now, &look)
            inspect(&subjects[organization, default: Subject()], organization, principal.organizationLimits, principal.organizationID, now, &look)
            if let rejection = look.rejection { return .rejected(rejection.error) }
            if !look.empty.isEmpty {
                // This call fetches what is empty, and what runs low along with it.
                let takes = look.empty + look.low
                for take in takes { subjects[take.subject]!.refilling = true }
                return .refill(takes)
            }
            if look.waitForRefill { return .wait }
            consume(&subjects[key]!, principal.keyLimits)
            consume(&subjects[organization]!, principal.organizationLimits)
            for take in look.low { subjects[take.subject]!.refilling = true }
            return .admitted(prefetch: look.low)
        }
    }

    private func inspect(
        _ state: inout Subject, _ subject: RateLimitSubject, _ limits: RateLimits, _ organization: OrganizationID, _ now: Double,
        _ look: inout Look
    ) {
        let second = Int64(now.rounded(.down))
        for (index, window) in Self.windows.enumerated() {
            guard let limit = limits[window] else { continue }
            let length = Int64(window.seconds)
            let start = second / length * length
            if state.leases[index].windowStart != start { state.leases[index] = Lease(windowStart: start) }
            let lease = state.leases[index]
            let wanted = self.lease(for: limit)
            if lease.exhausted {
                let end = start + length
                if look.rejection == nil || end > look.rejection!.end {
                    let retry = Duration.milliseconds(max(1, Int64(((Double(end) - now) * 1000).rounded(.up))))
                    look.rejection = (.rateLimited(subject: subject, window: window, limit: limit, retryAfter: retry), end)
                }
            } else if lease.remaining == 0 || (lease.remaining <= wanted / 4 && !state.refilling) {
                if lease.remaining == 0 && state.refilling {
                    look.waitForRefill = true
                    continue
                }
                let take = RateLimitTake(
                    organizationID: organization, subject: subject, window: window,
                    windowStart: Date(timeIntervalSince1970: Double(start)), wanted: wanted, limit: limit)
                if lease.remaining == 0 { look.empty.append(take) } else { look.low.append(take) }
            }
        }
    }

    private func consume(_ state: inout Subject, _ limits: RateLimits) {
        for (index, window) in Self.windows.enumerated() where limits[window] != nil {
            state.leases[index].remaining -= 1
        }
    }

    /// Takes `takes` from the shared counters, adds them to the leases and wakes the calls that
    /// waited; the subjects were marked as refilling by the caller.
    private func refill(_ takes: [RateLimitTake]) async throws(DomainError) {
        let outcome: Result<[Int64], DomainError>
        do { outcome = .success(try await counters.take(takes)) } catch { outcome = .failure(error) }
        let waiters: [CheckedContinuation<Void, Never>] = subjects.withLock { subjects in
            if case .success(let granted) = outcome {
                for (take, got) in zip(takes, granted) {
                    guard let index = Self.windows.firstIndex(of: take.window),
                        subjects[take.subject]?.leases[index].windowStart == Int64(take.windowStart.timeIntervalSince1970)
                    else { continue }
                    subjects[take.subject]!.leases[index].remaining += got
                    if got == 0 { subjects[take.subject]!.leases[index].exhausted = true }
                }
            }
            let woken = Self.endRefill(of: takes, in: &subjects)
            // Bounded memory: drop idle subjects' leases (they are leased again when needed).
            if subjects.count > 50_000 { subjects = subjects.filter { $0.value.refilling } }
            return woken
        }
        for waiter in waiters { waiter.resume() }
        _ = try outcome.get()
    }

    /// Clears the refilling marks of the subjects of `takes`; returns the calls that waited for them.
    private static func endRefill(of takes: [RateLimitTake], in subjects: inout [RateLimitSubject: Subject]) -> [CheckedContinuation<Void, Never>] {
        var woken: [CheckedContinuation<Void, Never>] = []
        for subject in Set(takes.map(\.subject)) {
            guard var state = subjects[subject] else { continue }
            woken += state.waiters
            state.waiters.removeAll()
            state.refilling = false
            subjects[subject] = state
        }
        return woken
    }

    /// Clears the refilling marks `decide` set for `takes` (a refill that will not be made now).
    private func release(_ takes: [RateLimitTake]) {
        let waiters = subjects.withLock { Self.endRefill(of: takes, in: &$0) }
        for waiter in waiters { waiter.resume() }
    }

    /// Suspends until the refills in flight for `keys` are over (at once if none is).
    private func waitForRefill(of keys: [RateLimitSubject]) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let registered = subjects.withLock { subjects in
                guard let subject = keys.first(where: { subjects[$0]?.refilling == true }) else { return false }
                subjects[subject]!.waiters.append(continuation)
                return true
            }
            if !registered { continuation.resume() }
        }
    }

    private func lease(for limit: Int64) -> Int64 {
        min(options.maxLease, max(1, limit / options.leaseDivisor))
    }
}
