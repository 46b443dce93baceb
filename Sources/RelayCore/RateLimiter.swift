public import Foundation
public import RelayDomain
internal import Synchronization

/// Four fixed windows (second, minute, hour, day) per key and per organization, shared by every
/// instance through counters in the database, without a database round trip per call.
///
/// Each instance leases blocks of calls from the shared counters (``RateLimitCounters/take(_:)``
/// never grants past the limit, whatever the instances do at once) and admits calls from its local
/// leases. A lease is 1/20 of the limit (at least 1, at most 10,000 calls). When a lease runs low
/// (under a quarter left) a refill is fetched in the background, so calls do not wait for the
/// database; only a call that finds a lease empty waits, for the one refill in flight (never one
/// per call). So the instances together never admit more than a window's limit, and may admit
/// fewer by at most the unused part of each instance's last lease. A window whose counter said
/// "nothing left" rejects locally until it ends.
///
/// A call is admitted through a ``Ticket``: its principal's two subjects' leases, found once and
/// kept by the caller (per connection), so the admitted path takes two locks and no lookup.
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

    fileprivate struct Lease {
        var windowStart: Int64 = -1
        var remaining: Int64 = 0
        var exhausted = false
    }

    /// One subject's leases (one per window, in `RateWindow.allCases` order) and its refill in flight.
    fileprivate struct LeaseState {
        var leases = InlineArray<4, Lease>(repeating: Lease())
        var refilling = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// One subject's leases in this instance, shared by the tickets of every principal counted
    /// against the subject.
    fileprivate final class Leases: Sendable {
        let subject: RateLimitSubject
        let state = Mutex(LeaseState())

        init(_ subject: RateLimitSubject) { self.subject = subject }
    }

    /// A principal's way through the limiter: the leases of its key and of its organization,
    /// found once. Keep it while the principal is the same (``ticket(for:reusing:)``).
    public final class Ticket: Sendable {
        /// The principal whose limits are applied.
        public let principal: Principal
        fileprivate let key: Leases
        fileprivate let organization: Leases

        fileprivate init(principal: Principal, key: Leases, organization: Leases) {
            self.principal = principal
            self.key = key
            self.organization = organization
        }
    }

    private enum Decision {
        case admitted(prefetch: [RateLimitTake])
        case rejected(DomainError)
        case refill([RateLimitTake])
        case wait
    }

    private static let windows = RateWindow.allCases
    private let counters: any RateLimitCounters
    private let options: Options
    private let clock: @Sendable () -> Date
    private let registry = Mutex<[RateLimitSubject: Leases]>([:])

    /// A limiter over shared `counters`.
    public init(counters: any RateLimitCounters, options: Options = Options(), clock: @escaping @Sendable () -> Date = { Date() }) {
        self.counters = counters
        self.options = options
        self.clock = clock
    }

    /// The ticket of `principal`: `ticket` itself when it is for this very principal, else a new one.
    public func ticket(for principal: Principal, reusing ticket: Ticket? = nil) -> Ticket {
        if let ticket, ticket.principal === principal { return ticket }
        let key = RateLimitSubject.key(principal.keyID)
        let organization = RateLimitSubject.organization(principal.organizationID)
        return registry.withLock { registry in
            // Bounded memory: forget every subject now and then (tickets in use keep their leases;
            // a subject met again is leased afresh, which the shared counters still bound).
            if registry.count >= 50_000 { registry.removeAll() }
            func leases(_ subject: RateLimitSubject) -> Leases {
                if let known = registry[subject] { return known }
                let made = Leases(subject)
                registry[subject] = made
                return made
            }
            return Ticket(principal: principal, key: leases(key), organization: leases(organization))
        }
    }

    /// Admits one call of `principal`, waiting for a refill of its leases if it must; throws
    /// ``DomainError/rateLimited(subject:window:limit:retryAfter:)`` for the exhausted window that
    /// ends last.
    public nonisolated(nonsending) func admit(_ principal: Principal) async throws(DomainError) {
        try await admit(ticket(for: principal))
    }

    /// Admits one call from the local leases when they allow it without waiting, at `now`: true if
    /// admitted (the common case, no suspension); false when ``admit(_:)-(Ticket)`` must be
    /// awaited. A call it rejects throws at once.
    public func admitNow(_ ticket: Ticket, at now: Date) throws(DomainError) -> Bool {
        switch decide(ticket, now: now.timeIntervalSince1970) {
        case .admitted(let prefetch):
            if !prefetch.isEmpty { Task { try? await self.refill(prefetch, ticket) } }
            return true
        case .rejected(let error):
            throw error
        case .refill(let takes):
            // Give the refill back to the awaiting path: nothing was taken yet.
            release(takes, ticket)
            return false
        case .wait:
            return false
        }
    }

    /// Admits one call through `ticket`, waiting for a refill of its leases if it must.
    public nonisolated(nonsending) func admit(_ ticket: Ticket) async throws(DomainError) {
        for _ in 0..<8 {
            switch decide(ticket, now: clock().timeIntervalSince1970) {
            case .admitted(let prefetch):
                if !prefetch.isEmpty { Task { try? await self.refill(prefetch, ticket) } }
                return
            case .rejected(let error):
                throw error
            case .refill(let takes):
                try await refill(takes, ticket)
            case .wait:
                await waitForRefill(of: ticket)
            }
        }
        // Leases keep running out under heavy contention: say so rather than loop.
        throw DomainError.unavailable("the rate limiter could not lease calls in time; retry")
    }

    /// What a ticket's leases say about a call.
    private struct Look {
        var empty: [RateLimitTake] = []
        var low: [RateLimitTake] = []
        var waitForRefill = false
        var rejection: (error: DomainError, end: Int64)?
        /// Whether the key's (0) and the organization's (1) leases are among the takes.
        var taking = (key: false, organization: false)
    }

    private func decide(_ ticket: Ticket, now: Double) -> Decision {
        let principal = ticket.principal
        // Always the key's lock first, then its organization's: no cycle.
        return ticket.key.state.withLock { key in
            ticket.organization.state.withLock { organization in
                var look = Look()
                let second = Int64(now.rounded(.down))
                look.taking.key = inspect(&key, ticket.key.subject, principal.keyLimits, principal.organizationID, second, now, &look)
                look.taking.organization = inspect(
                    &organization, ticket.organization.subject, principal.organizationLimits, principal.organizationID, second, now, &look)
                if let rejection = look.rejection { return .rejected(rejection.error) }
                if !look.empty.isEmpty {
                    // This call fetches what is empty, and what runs low along with it.
                    if look.taking.key { key.refilling = true }
                    if look.taking.organization { organization.refilling = true }
                    return .refill(look.empty + look.low)
                }
                if look.waitForRefill { return .wait }
                consume(&key, principal.keyLimits)
                consume(&organization, principal.organizationLimits)
                if look.taking.key { key.refilling = true }
                if look.taking.organization { organization.refilling = true }
                return .admitted(prefetch: look.low)
            }
        }
    }

    /// Notes in `look` what `state`'s leases need; true if a take of this subject was added.
    private func inspect(
        _ state: inout LeaseState, _ subject: RateLimitSubject, _ limits: RateLimits, _ organization: OrganizationID,
        _ second: Int64, _ now: Double, _ look: inout Look
    ) -> Bool {
        var taking = false
        for index in Self.windows.indices {
            let window = Self.windows[index]
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
                taking = true
            }
        }
        return taking
    }

    private func consume(_ state: inout LeaseState, _ limits: RateLimits) {
        for index in Self.windows.indices where limits[Self.windows[index]] != nil {
            state.leases[index].remaining -= 1
        }
    }

    /// Takes `takes` from the shared counters, adds them to the ticket's leases and wakes the
    /// calls that waited; the leases were marked as refilling by `decide`.
    private func refill(_ takes: [RateLimitTake], _ ticket: Ticket) async throws(DomainError) {
        let outcome: Result<[Int64], DomainError>
        do { outcome = .success(try await counters.take(takes)) } catch { outcome = .failure(error) }
        var woken: [CheckedContinuation<Void, Never>] = []
        for leases in [ticket.key, ticket.organization] {
            woken += leases.state.withLock { state in
                if case .success(let granted) = outcome {
                    for (take, got) in zip(takes, granted) where take.subject == leases.subject {
                        guard let index = Self.windows.firstIndex(of: take.window),
                            state.leases[index].windowStart == Int64(take.windowStart.timeIntervalSince1970)
                        else { continue }
                        state.leases[index].remaining += got
                        if got == 0 { state.leases[index].exhausted = true }
                    }
                }
                return Self.endRefill(&state, if: takes.contains { $0.subject == leases.subject })
            }
        }
        for waiter in woken { waiter.resume() }
        _ = try outcome.get()
    }

    /// Clears the refilling mark of `state` when `taken`; returns the calls that waited for it.
    private static func endRefill(_ state: inout LeaseState, if taken: Bool) -> [CheckedContinuation<Void, Never>] {
        guard taken else { return [] }
        let woken = state.waiters
        state.waiters.removeAll()
        state.refilling = false
        return woken
    }

    /// Clears the refilling marks `decide` set for `takes` (a refill that will not be made now).
    private func release(_ takes: [RateLimitTake], _ ticket: Ticket) {
        var woken: [CheckedContinuation<Void, Never>] = []
        for leases in [ticket.key, ticket.organization] {
            woken += leases.state.withLock { Self.endRefill(&$0, if: takes.contains { $0.subject == leases.subject }) }
        }
        for waiter in woken { waiter.resume() }
    }

    /// Suspends until the refills in flight for the ticket's leases are over (at once if none is).
    private func waitForRefill(of ticket: Ticket) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            for leases in [ticket.key, ticket.organization] {
                let registered = leases.state.withLock { state in
                    guard state.refilling else { return false }
                    state.waiters.append(continuation)
                    return true
                }
                if registered { return }
            }
            continuation.resume()
        }
    }

    private func lease(for limit: Int64) -> Int64 {
        min(options.maxLease, max(1, limit / options.leaseDivisor))
    }
}
