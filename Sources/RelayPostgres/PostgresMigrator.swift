/// One versioned schema change: SQL run in a transaction of its own.
public struct PostgresMigration: Sendable, Hashable {
    /// The version, increasing from 1; applied in order.
    public let version: Int
    /// A short name, from the file name (`0001_initial.sql` → `initial`).
    public let name: String
    /// The SQL, possibly several statements. No `BEGIN`/`COMMIT`: the migrator adds them.
    public let sql: String

    /// A migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}

/// Applies migrations to a database, safely when several instances start at once.
///
/// The migrator takes a session-level advisory lock, so concurrent migrators queue up; the first
/// applies what is missing and the others find nothing left to do. Each migration runs in one
/// transaction together with its row in `schema_migrations` (version, name, SHA-256 of its SQL,
/// time), so a migration is applied entirely or not at all. A migration already applied whose
/// SQL has since changed is refused (``PostgresMigrator/Failure/editedAfterApply``), as is a
/// database newer than the code (``PostgresMigrator/Failure/unknownVersion``).
public struct PostgresMigrator: Sendable {
    /// The migrations, any order (sorted by version).
    public let migrations: [PostgresMigration]

    /// The advisory-lock key every Relay migrator uses (`hashtext('relay.migrations')` is not
    /// stable across versions, so the key is a fixed constant).
    static let lockKey: Int64 = 0x5245_4C41_594D_4947  // "RELAYMIG"

    /// Why migrating failed.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        /// Two migrations share a version.
        case duplicateVersion(Int)
        /// The database recorded a migration whose SQL differs from the one shipped now.
        case editedAfterApply(version: Int, name: String)
        /// The database has a version this program does not know (it is older than the schema).
        case unknownVersion(Int)
        /// A statement failed.
        case database(PostgresError, version: Int?)

        public var description: String {
            switch self {
            case .duplicateVersion(let version): "two migrations have version \(version)"
            case .editedAfterApply(let version, let name):
                "migration \(version) (\(name)) was changed after it was applied; add a new migration instead"
            case .unknownVersion(let version):
                "the database has migration \(version), which this version of Relay does not know; run a newer Relay"
            case .database(let error, let version):
                version.map { "migration \($0) failed: \(error)" } ?? "migrating failed: \(error)"
            }
        }
    }

    /// What a run did.
    public struct Report: Sendable, Equatable {
        /// The versions this run applied, in order.
        public let applied: [Int]
        /// The schema version afterwards.
        public let currentVersion: Int
    }

    /// A migrator for `migrations`.
    public init(migrations: [PostgresMigration]) {
        self.migrations = migrations.sorted { $0.version < $1.version }
    }

    /// Applies the missing migrations over a connection of its own to `configuration`.
    public func migrate(_ configuration: PostgresConfiguration) async throws(Failure) -> Report {
        for (previous, next) in zip(migrations, migrations.dropFirst()) where previous.version == next.version {
            throw .duplicateVersion(next.version)
        }
        let connection: PostgresConnection
        do {
            connection = try await PostgresPool.connect(configuration)
        } catch {
            throw .database(error, version: nil)
        }
        defer { Task { await connection.close() } }
        do {
            _ = try await connection.query("SELECT pg_advisory_lock(\(Self.lockKey))")
        } catch {
            throw .database(error, version: nil)
        }
        let report = try await migrateLocked(connection)
        _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey))")
        return report
    }

    private func migrateLocked(_ connection: PostgresConnection) async throws(Failure) -> Report {
        var recorded: [Int: String] = [:]
        do {
            try await connection.runScript(
                unsafeSQL: """
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version integer PRIMARY KEY,
                        name text NOT NULL,
                        checksum text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now()
                    )
                    """)
            for row in try await connection.query("SELECT version, checksum FROM schema_migrations") {
                let (version, checksum) = try row.decode((Int32, String).self)
                recorded[Int(version)] = checksum
            }
        } catch {
            throw .database(error, version: nil)
        }
        let known = Set(migrations.map(\.version))
        if let unknown = recorded.keys.filter({ !known.contains($0) }).max() { throw .unknownVersion(unknown) }
        var applied: [Int] = []
        for migration in migrations {
            let checksum: String
            do {
                checksum = try await connection.query("SELECT encode(sha256(convert_to(\(migration.sql), 'UTF8')), 'hex')")[0]
                    .decode(String.self, at: 0)
            } catch {
                throw .database(error, version: migration.version)
            }
            if let existing = recorded[migration.version] {
                guard existing == checksum else { throw .editedAfterApply(version: migration.version, name: migration.name) }
                continue
            }
            do {
                try await connection.withTransaction { connection in
                    try await connection.runScript(unsafeSQL: migration.sql)
                    _ = try await connection.query(
                        "INSERT INTO schema_migrations (version, name, checksum) VALUES (\(Int32(migration.version)), \(migration.name), \(checksum))")
                }
            } catch let error as PostgresError {
                throw .database(error, version: migration.version)
            } catch {
                throw .database(PostgresError(.invalidRequest, "\(error)"), version: migration.version)
            }
            applied.append(migration.version)
        }
        return Report(applied: applied, currentVersion: migrations.last?.version ?? 0)
    }
}
