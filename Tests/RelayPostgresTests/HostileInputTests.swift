import Foundation
import PostgresTestSupport
import RelayPostgres
import Testing

/// Values are binds, never SQL: hostile strings are stored as data and run nothing.
@Suite struct HostileInputTests {
    static let hostile = [
        "'", "''", "\"", "'; DROP TABLE notes; --", "\\", "\\'", "$1", "$$ $body$ $$", "; SELECT pg_sleep(10);",
        "Robert'); DELETE FROM notes WHERE ('a' = 'a", "E'\\x00'", "\u{202E}rtl", "🚀\u{FEFF}", "\r\n.\r\n",
    ]

    @Test func hostileStringsAreStoredAsData() async throws {
        try await TestPostgres.withPool { pool in
            _ = try await pool.query("CREATE TABLE notes (id serial PRIMARY KEY, body text NOT NULL)")
            for text in Self.hostile {
                _ = try await pool.query("INSERT INTO notes (body) VALUES (\(text))")
            }
            let stored = try await pool.query("SELECT body FROM notes ORDER BY id").map { try $0.decode(String.self, at: 0) }
            #expect(stored == Self.hostile)
            for text in Self.hostile {
                let found = try await pool.query("SELECT count(*) FROM notes WHERE body = \(text)")[0].decode(Int64.self, at: 0)
                #expect(found == 1)
            }
        }
    }

    @Test func nulInTextIsRefusedByTheServerAndKeptInBytea() async throws {
        try await TestPostgres.withPool { pool in
            let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT \("a\u{0}b")") }
            #expect(error?.kind == .server)
            #expect(error?.sqlState == "22021")
            let bytes: [UInt8] = [0x61, 0, 0x62]
            let echoed = try await pool.query("SELECT \(bytes)")[0].decode([UInt8].self, at: 0)
            #expect(echoed == bytes)
            // The connection is still usable afterwards.
            let one = try await pool.query("SELECT 1")[0].decode(Int32.self, at: 0)
            #expect(one == 1)
        }
    }

    @Test func hugeValuesRoundTrip() async throws {
        try await TestPostgres.withPool { pool in
            let text = String(repeating: "x'; --", count: 2_000_000)  // 12 MB
            let bytes = [UInt8]((0..<8_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) })
            let row = try await pool.query("SELECT \(text), length(\(text)), \(bytes)")[0]
            #expect(try row.decode(String.self, at: 0) == text)
            #expect(try row.decode(Int32.self, at: 1) == 12_000_000)
            #expect(try row.decode([UInt8].self, at: 2) == bytes)
        }
    }

    @Test func serverErrorsKeepSQLStateAndRedactTheirText() async throws {
        try await TestPostgres.withPool { pool in
            _ = try await pool.query("CREATE TABLE accounts (email text CONSTRAINT accounts_email_key UNIQUE)")
            let secret = "ceo-private@example.com"
            _ = try await pool.query("INSERT INTO accounts VALUES (\(secret))")
            let error = await #expect(throws: PostgresError.self) { try await pool.query("INSERT INTO accounts VALUES (\(secret))") }
            #expect(error?.sqlState == SQLState.uniqueViolation.rawValue)
            #expect(error?.hasSQLState(.uniqueViolation) == true)
            #expect(error?.constraint == "accounts_email_key")
            #expect(error?.table == "accounts")
            #expect(error?.isRetryable == false)
            #expect(error?.description.contains(secret) == false)
            #expect(error?.unredactedMessage.contains(secret) == true)  // in DETAIL, for whoever asks
        }
    }

    @Test func tooManyParametersIsRefusedBeforeSending() async throws {
        try await TestPostgres.withPool { pool in
            var bindings = PostgresBindings()
            for i in 0..<70_000 { bindings.append(Int32(i)) }
            let error = await #expect(throws: PostgresError.self) {
                try await pool.query(PostgresQuery(unsafeSQL: "SELECT $1", bindings: bindings))
            }
            #expect(error?.kind == .invalidRequest)
            let two = try await pool.query("SELECT 2")[0].decode(Int32.self, at: 0)
            #expect(two == 2)
        }
    }
}
