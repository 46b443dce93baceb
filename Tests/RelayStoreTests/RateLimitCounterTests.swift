import Foundation
import RelayDomain
import RelayPostgres
import RelayStore
import Testing

/// `rate_limit_take` and `PostgresRateLimitCounters` against a real database.
@Suite struct RateLimitCounterTests {
    static let window = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func concurrentTakesNeverPassTheLimit() async throws {
        try await StoreDatabase.withDatabase { configuration in
            let pools = [PostgresPool(configuration: configuration), PostgresPool(configuration: configuration)]
            let org = try await PostgresOrganizationRepository(pool: pools[0]).create(name: "acme")
            let key = APIKeyID(UUID())
            let takes = [
                RateLimitTake(organizationID: org, subject: .key(key), window: .minute, windowStart: Self.window, wanted: 3, limit: 100),
                RateLimitTake(
                    organizationID: org, subject: .organization(org), window: .minute, windowStart: Self.window, wanted: 3, limit: 1000),
            ]
            let granted = try await withThrowingTaskGroup(of: [Int64].self) { group in
                for task in 0..<8 {
                    let counters = PostgresRateLimitCounters(pool: pools[task % 2])
                    group.addTask {
                        var total: [Int64] = [0, 0]
                        for _ in 0..<20 {
                            let got = try await counters.take(takes)
                            #expect(got[0] >= 0 && got[0] <= 3 && got[1] == 3)
                            total[0] += got[0]
                            total[1] += got[1]
                        }
                        return total
                    }
                }
                return try await group.reduce(into: [Int64](repeating: 0, count: 2)) { sum, next in
                    sum[0] += next[0]
                    sum[1] += next[1]
                }
            }
            // Demand was 480 for the key: it gets exactly its limit; the organization's larger limit is not reached.
            #expect(granted[0] == 100)
            #expect(granted[1] == 480)
            let stored = try await pools[0].query(
                "SELECT scope, count FROM rate_limit_counters WHERE window_start = \(Self.window) ORDER BY scope")
            #expect(try stored.map { try $0.decode((String, Int64).self) }.map { "\($0.0)=\($0.1)" } == ["key=100", "organization=480"])
            for pool in pools { await pool.close() }
        }
    }

    @Test func windowsAndSubjectsAreIndependentAndResultsKeepTheirOrder() async throws {
        try await StoreDatabase.withPool { pool in
            let org = try await PostgresOrganizationRepository(pool: pool).create(name: "acme")
            let counters = PostgresRateLimitCounters(pool: pool)
            let key = APIKeyID(UUID())
            let other = APIKeyID(UUID())
            func take(_ subject: RateLimitSubject, _ window: RateWindow, _ start: Date, wanted: Int64, limit: Int64) -> RateLimitTake {
                RateLimitTake(organizationID: org, subject: subject, window: window, windowStart: start, wanted: wanted, limit: limit)
            }
            #expect(try await counters.take([take(.key(key), .second, Self.window, wanted: 5, limit: 2)]) == [2])
            #expect(try await counters.take([take(.key(key), .second, Self.window, wanted: 5, limit: 2)]) == [0])
            let results = try await counters.take([
                take(.organization(org), .second, Self.window, wanted: 5, limit: 10),  // another subject
                take(.key(key), .second, Self.window.addingTimeInterval(1), wanted: 5, limit: 2),  // the next window
                take(.key(key), .minute, Self.window, wanted: 5, limit: 3),  // another window kind
                take(.key(other), .second, Self.window, wanted: 1, limit: 2),  // another key
                take(.key(key), .second, Self.window, wanted: 5, limit: 2),  // still used up
            ])
            #expect(results == [5, 2, 3, 1, 0])
            #expect(try await counters.take([]) == [])
            // A raised limit gives exactly the difference.
            #expect(try await counters.take([take(.key(key), .second, Self.window, wanted: 5, limit: 4)]) == [2])
        }
    }

    @Test func purgeRemovesOnlyWindowsOverADayOld() async throws {
        try await StoreDatabase.withPool { pool in
            let org = try await PostgresOrganizationRepository(pool: pool).create(name: "acme")
            let counters = PostgresRateLimitCounters(pool: pool)
            let now = Date()
            let old = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400 - 3 * 86_400)
            let recent = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 60).rounded(.down) * 60)
            let dayBefore = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400 - 86_400)
            _ = try await counters.take([
                RateLimitTake(organizationID: org, subject: .organization(org), window: .day, windowStart: old, wanted: 1, limit: 9),
                RateLimitTake(organizationID: org, subject: .organization(org), window: .minute, windowStart: recent, wanted: 1, limit: 9),
                // Ended less than a day ago: kept.
                RateLimitTake(organizationID: org, subject: .organization(org), window: .day, windowStart: dayBefore, wanted: 1, limit: 9),
            ])
            let deleted = try await pool.query("SELECT purge_rate_limit_counters()")[0].decode(Int64.self, at: 0)
            #expect(deleted == 1)
            let left = try await pool.query("SELECT count(*) FROM rate_limit_counters")[0].decode(Int64.self, at: 0)
            #expect(left == 2)
        }
    }
}
