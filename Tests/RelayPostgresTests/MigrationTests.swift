import Foundation
import PostgresTestSupport
import RelayPostgres
import RelayStore
import Testing

/// Relay's schema applies once, completely, also when several migrators race.
@Suite struct MigrationTests {
    static let expectedTables: Set<String> = [
        "organizations", "api_keys", "api_key_audit_log", "domains", "dkim_keys", "domain_dns_records", "templates", "messages",
        "message_attachments", "message_event_log", "delivery_stats",
        "suppressions", "rate_limit_counters", "idempotency_keys", "alert_rules", "inbound_routes", "inbound_messages",
        "inbound_raw_messages", "inbound_delivery_jobs", "schema_migrations",
    ]

    static func tables(_ configuration: PostgresConfiguration) async throws -> Set<String> {
        let connection = try await PostgresPool.connect(configuration)
        defer { Task { await connection.close() } }
        let rows = try await connection.query("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'")
        return Set(try rows.map { try $0.decode(String.self, at: 0) })
    }

    @Test func theShippedSchemaAppliesOnceAndCompletely() async throws {
        let migrations = try RelaySchema.migrations()
        #expect(migrations.first?.version == 1)
        #expect(Set(migrations.map(\.version)).count == migrations.count)
        try await TestPostgres.withDatabase { configuration in
            let migrator = try RelaySchema.migrator()
            let first = try await migrator.migrate(configuration)
            #expect(first.applied == migrations.map(\.version))
            #expect(first.currentVersion == migrations.last?.version)
            #expect(try await Self.tables(configuration).isSuperset(of: Self.expectedTables))
            let second = try await migrator.migrate(configuration)
            #expect(second.applied == [])
            #expect(second.currentVersion == first.currentVersion)
        }
    }

    @Test func racingMigratorsApplyEachMigrationOnce() async throws {
        try await TestPostgres.withDatabase { configuration in
            let migrator = try RelaySchema.migrator()
            let reports = try await withThrowingTaskGroup(of: PostgresMigrator.Report.self) { group in
                for _ in 0..<4 { group.addTask { try await migrator.migrate(configuration) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(reports.filter { !$0.applied.isEmpty }.count == 1)
            #expect(Set(reports.map(\.currentVersion)).count == 1)
            let connection = try await PostgresPool.connect(configuration)
            let recorded = try await connection.query("SELECT count(*) FROM schema_migrations")[0].decode(Int64.self, at: 0)
            await connection.close()
            #expect(recorded == Int64(try RelaySchema.migrations().count))
        }
    }

    /// Mail accepted under schema version 2 (recipients, content and job in rows of their own, the
    /// QUEUED event a row) reads the same after 0003 folded them into the message's row.
    @Test func mailWrittenBeforeMigration3ReadsTheSameAfterIt() async throws {
        try await TestPostgres.withDatabase { configuration in
            let all = try RelaySchema.migrations()
            _ = try await PostgresMigrator(migrations: Array(all.prefix(2))).migrate(configuration)
            let connection = try await PostgresPool.connect(configuration)
            defer { Task { await connection.close() } }
            _ = try await connection.query(
                """
                WITH o AS (INSERT INTO organizations (name) VALUES ('acme') RETURNING id),
                d AS (INSERT INTO domains (organization_id, name, return_path_domain) SELECT id, 'mail.example.com', 'bounce.mail.example.com' FROM o RETURNING id, organization_id),
                m AS (INSERT INTO messages (id, organization_id, domain_id, from_address, subject, rfc822_message_id)
                      SELECT '00000000-0000-7000-8000-000000000001', organization_id, id, 'a@mail.example.com', 'Old', '<old@mail.example.com>' FROM d
                      RETURNING id, organization_id, created_at),
                r AS (INSERT INTO message_recipients (message_id, organization_id, normalized_address, address, display_name, kind, position,
                          status, attempts, detail, smtp_code, next_attempt_at, message_created_at)
                      SELECT id, organization_id, 'x@example.org', 'X@example.org', 'Ex', 1, 0, 4, 2, 'greylisted', 451, now() + interval '1 hour', created_at FROM m
                      UNION ALL
                      SELECT id, organization_id, 'y@example.org', 'y@example.org', '', 2, 1, 3, 1, '250 ok', 250, NULL, created_at FROM m),
                c AS (INSERT INTO message_contents (message_id, organization_id, text_body) SELECT id, organization_id, 'the body' FROM m),
                j AS (INSERT INTO delivery_jobs (organization_id, message_id, attempts, run_after) SELECT organization_id, id, 2, now() FROM m)
                INSERT INTO message_events (organization_id, message_id, event_type, occurred_at)
                SELECT organization_id, id, 1, created_at FROM m
                """)
            let report = try await RelaySchema.migrator().migrate(configuration)
            #expect(report.applied == Array(all.map(\.version).dropFirst(2)))
            let id = "'00000000-0000-7000-8000-000000000001'"
            let message = try await connection.query(
                """
                SELECT text_body, job_state, job_attempts, status, recipients::text FROM messages WHERE id = \(unescapedSQL: id)
                """)[0]
            #expect(try message.decode(String.self, at: 0) == "the body")
            #expect(try message.decode(String?.self, at: 1) == "pending" && message.decode(Int.self, at: 2) == 2)
            let recipients = try await connection.query(
                """
                SELECT r.normalized, r.name, r.kind, r.status, r.attempts, r.detail, r.smtp_code, r.next_attempt_at IS NOT NULL
                FROM messages AS m CROSS JOIN LATERAL jsonb_to_recordset(m.recipients)
                    AS r(normalized text, name text, kind int2, status int2, attempts int4, detail text, smtp_code int4, next_attempt_at timestamptz)
                WHERE m.id = \(unescapedSQL: id)
                """)
            #expect(recipients.count == 2)
            #expect(try recipients[0].decode(String.self, at: 0) == "x@example.org" && recipients[0].decode(String.self, at: 1) == "Ex")
            #expect(try recipients[0].decode(Int16.self, at: 3) == 4 && recipients[0].decode(Int.self, at: 4) == 2)
            #expect(try recipients[0].decode(String.self, at: 5) == "greylisted" && recipients[0].decode(Int.self, at: 6) == 451)
            #expect(try recipients[0].decode(Bool.self, at: 7) && !recipients[1].decode(Bool.self, at: 7))
            #expect(try recipients[1].decode(Int16.self, at: 2) == 2 && recipients[1].decode(Int16.self, at: 3) == 3)
            // The job is in the queue's view, and the old QUEUED event shows once.
            #expect(try await connection.query("SELECT 1 FROM delivery_jobs WHERE message_id = \(unescapedSQL: id) AND state = 'pending'").count == 1)
            let events = try await connection.query("SELECT event_type FROM message_events WHERE message_id = \(unescapedSQL: id)")
            #expect(try events.map { try $0.decode(Int16.self, at: 0) } == [1])
            // The event log is still append-only, and purged only through its function.
            await #expect(throws: PostgresError.self) { _ = try await connection.query("DELETE FROM message_event_log") }
            let purged = try await connection.query("SELECT purge_message_events(now() + interval '1 minute')")
            #expect(try purged[0].decode(Int64.self, at: 0) == 1)
            #expect(try await connection.query("SELECT 1 FROM message_events WHERE message_id = \(unescapedSQL: id)").isEmpty)
        }
    }

    @Test func aFailingMigrationLeavesNothingBehind() async throws {
        try await TestPostgres.withDatabase { configuration in
            let good = PostgresMigration(version: 1, name: "first", sql: "CREATE TABLE first (id int);")
            let bad = PostgresMigration(
                version: 2, name: "broken", sql: "CREATE TABLE second (id int);\nCREATE TABLE third (x no_such_type);")
            let error = await #expect(throws: PostgresMigrator.Failure.self) {
                try await PostgresMigrator(migrations: [good, bad]).migrate(configuration)
            }
            guard case .database(let cause, let version) = error else {
                Issue.record("expected a database failure, got \(String(describing: error))")
                return
            }
            #expect(version == 2)
            #expect(cause.sqlState == "42704")  // undefined_object
            let tables = try await Self.tables(configuration)
            #expect(tables.contains("first"))
            #expect(!tables.contains("second"), "the failed migration's first statement was rolled back")
            // Fixed, it applies on the next run.
            let fixed = PostgresMigration(version: 2, name: "broken", sql: "CREATE TABLE second (id int);")
            let report = try await PostgresMigrator(migrations: [good, fixed]).migrate(configuration)
            #expect(report.applied == [2])
        }
    }

    @Test func anEditedOrUnknownMigrationIsRefused() async throws {
        try await TestPostgres.withDatabase { configuration in
            let original = PostgresMigration(version: 1, name: "first", sql: "CREATE TABLE first (id int);")
            let later = PostgresMigration(version: 2, name: "later", sql: "CREATE TABLE later (id int);")
            _ = try await PostgresMigrator(migrations: [original, later]).migrate(configuration)
            let edited = PostgresMigration(version: 1, name: "first", sql: "CREATE TABLE first (id bigint);")
            let editError = await #expect(throws: PostgresMigrator.Failure.self) {
                try await PostgresMigrator(migrations: [edited, later]).migrate(configuration)
            }
            #expect(editError?.description.contains("changed after it was applied") == true)
            let olderError = await #expect(throws: PostgresMigrator.Failure.self) {
                try await PostgresMigrator(migrations: [original]).migrate(configuration)
            }
            #expect(olderError?.description.contains("migration 2") == true)
        }
    }
}
