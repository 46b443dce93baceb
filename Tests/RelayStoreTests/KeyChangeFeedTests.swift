import Foundation
import RelayDomain
import RelayPostgres
import RelayStore
import Testing

/// Collects what a change stream yields, so that tests can wait for it with a deadline.
actor ChangeRecorder {
    private(set) var changes: [APIKeyID?] = []
    private(set) var finished = false

    init(_ stream: AsyncStream<APIKeyID?>) {
        Task { await self.consume(stream) }
    }

    private func consume(_ stream: AsyncStream<APIKeyID?>) async {
        for await change in stream { changes.append(change) }
        finished = true
    }

    /// Waits (up to `timeout`) until `condition` holds for the recorded state.
    func wait(timeout: Duration = .seconds(15), until condition: ([APIKeyID?], Bool) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !condition(changes, finished) {
            if ContinuousClock.now > deadline { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}

/// `PostgresKeyChangeFeed` with real LISTEN/NOTIFY.
@Suite struct KeyChangeFeedTests {
    @Test func changesArriveOnEveryStreamAndSurviveALostConnection() async throws {
        try await StoreDatabase.withPool { pool in
            let org = try await PostgresOrganizationRepository(pool: pool).create(name: "acme")
            let keys = PostgresKeyRepository(pool: pool)
            _ = try await keys.create(Fixtures.newKey(org, name: "admin"), audit: Fixtures.audit)
            let key = try await keys.create(Fixtures.newKey(org, scopes: [.send]), audit: Fixtures.audit)
            let feed = try await PostgresKeyChangeFeed.start(
                pool.configuration, backoff: .init(initial: .milliseconds(50), maximum: .seconds(1)))
            let first = ChangeRecorder(feed.changes())
            let second = ChangeRecorder(feed.changes())

            // A malformed payload is skipped; an update arrives as the key's id on both streams.
            _ = try await pool.query("SELECT pg_notify('relay_api_keys', 'not a uuid')")
            let settings = KeySettings(name: "renamed", scopes: [.send], expiresAt: nil, rateLimits: RateLimits())
            _ = try await keys.update(key.id, in: org, to: settings, changes: [:], audit: Fixtures.audit)
            #expect(await first.wait { changes, _ in !changes.isEmpty })
            #expect(await second.wait { changes, _ in !changes.isEmpty })
            #expect(await first.changes == [key.id])
            #expect(await second.changes == [key.id])

            // A failed change notifies nobody.
            _ = try? await keys.rotate(
                APIKeyID(UUID()), in: org, newPrefix: "rly_x", newSecretHash: Fixtures.randomHash(), previousValidUntil: nil,
                audit: Fixtures.audit)

            // The listening backend is killed: the feed reconnects and says "forget everything".
            let pid = try #require(await feed.listenerBackendPID())
            let killed = try await pool.query("SELECT pg_terminate_backend(\(pid))")[0].decode(Bool.self, at: 0)
            #expect(killed)
            #expect(await first.wait { changes, _ in changes.count == 2 })
            #expect(await first.changes.last == .some(nil))
            let newPID = try #require(await feed.listenerBackendPID())
            #expect(newPID != pid)

            // Later changes still arrive.
            _ = try await keys.rotate(
                key.id, in: org, newPrefix: "rly_y", newSecretHash: Fixtures.randomHash(), previousValidUntil: nil, audit: Fixtures.audit)
            _ = try await keys.revoke(key.id, in: org, audit: Fixtures.audit)
            #expect(await first.wait { changes, _ in changes.count == 4 })
            #expect(await first.changes == [key.id, nil, key.id, key.id])
            #expect(await second.wait { changes, _ in changes.count == 4 })
            #expect(await second.changes == [key.id, nil, key.id, key.id])

            // Closing finishes every stream, and later streams end at once.
            await feed.close()
            #expect(await first.wait { _, finished in finished })
            #expect(await second.wait { _, finished in finished })
            let late = ChangeRecorder(feed.changes())
            #expect(await late.wait { _, finished in finished })
            #expect(await feed.listenerBackendPID() == nil)
        }
    }

    @Test func startingWithoutADatabaseIsUnavailable() async throws {
        var configuration = PostgresConfiguration(connectionString: "host=/nonexistent-relay-socket-dir port=1")
        configuration.connectTimeout = .seconds(2)
        let error = await #expect(throws: DomainError.self) { try await PostgresKeyChangeFeed.start(configuration) }
        guard case .unavailable = error else {
            Issue.record("expected unavailable, got \(String(describing: error))")
            return
        }
    }
}
