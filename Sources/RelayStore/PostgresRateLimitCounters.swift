internal import Foundation
public import RelayDomain
public import RelayPostgres

/// The shared fixed-window rate-limit counters (`rate_limit_counters`), taken from with the
/// `rate_limit_take` function of migration 0002.
public struct PostgresRateLimitCounters: RateLimitCounters {
    /// Where the counters are: one pool per event loop; each call uses the pool of the loop it runs on.
    public let pools: PostgresPoolGroup

    /// Counters over `pools` (a call uses ``PostgresPoolGroup/current``).
    public init(pools: PostgresPoolGroup) {
        self.pools = pools
    }

    /// Counters over one pool.
    public init(pool: PostgresPool) {
        self.init(pools: PostgresPoolGroup(pool))
    }

    /// The pool of the calling thread's loop.
    private var pool: PostgresPool { pools.current }

    /// All takes go in one pipeline (one round trip, one transaction). They run in a fixed order
    /// (by scope, subject, window, window start), whatever the caller's order, so that two callers
    /// locking the same counters cannot deadlock.
    public func take(_ takes: [RateLimitTake]) async throws(DomainError) -> [Int64] {
        guard !takes.isEmpty else { return [] }
        let order = takes.indices.sorted { Self.sortKey(takes[$0]) < Self.sortKey(takes[$1]) }
        let queries: [PostgresQuery] = order.map { index in
            let take = takes[index]
            let (scope, subject) = Self.scope(of: take.subject)
            return """
                SELECT rate_limit_take(\(take.organizationID.uuid), \(scope), \(subject), \(Int32(take.window.seconds)),
                    \(take.windowStart), \(take.wanted), \(take.limit))
                """
        }
        return try await storeOperation("taking from rate-limit counters") {
            let results = try await pool.pipeline(queries)
            var granted = [Int64](repeating: 0, count: takes.count)
            for (position, index) in order.enumerated() {
                granted[index] = try results[position][0].decode(Int64.self, at: 0)
            }
            return granted
        }
    }

    /// Deletes the counters of windows that ended more than a day ago (`purge_rate_limit_counters`);
    /// returns how many. `relay serve` runs it every hour.
    public func purgeExpired() async throws(DomainError) -> Int {
        try await storeOperation("purging rate-limit counters") {
            Int(try await pool.query("SELECT purge_rate_limit_counters()")[0].decode(Int64.self, at: 0))
        }
    }

    private static func scope(of subject: RateLimitSubject) -> (String, UUID) {
        switch subject {
        case .key(let id): ("key", id.uuid)
        case .organization(let id): ("organization", id.uuid)
        }
    }

    private struct SortKey: Comparable {
        let scope: String
        let subject: String
        let window: Int
        let start: Date

        static func < (a: SortKey, b: SortKey) -> Bool {
            (a.scope, a.subject, a.window) < (b.scope, b.subject, b.window)
                || ((a.scope, a.subject, a.window) == (b.scope, b.subject, b.window) && a.start < b.start)
        }
    }

    private static func sortKey(_ take: RateLimitTake) -> SortKey {
        let (scope, subject) = scope(of: take.subject)
        return SortKey(scope: scope, subject: subject.uuidString, window: take.window.seconds, start: take.windowStart)
    }
}
