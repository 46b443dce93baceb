import Foundation
public import RelayPostgres

/// The PostgreSQL server of the tests, and a fresh database per test.
///
/// The server is the one `RELAY_TEST_DATABASE_URL` names (the test command starts a throwaway
/// cluster and sets it), or else an embedded cluster in the temporary directory, started here
/// and left running for the next run.
public enum TestPostgres {
    /// The server, started (or found) once per test process.
    public static let server = Task<PostgresConfiguration, any Error> {
        if let url = ProcessInfo.processInfo.environment["RELAY_TEST_DATABASE_URL"], !url.isEmpty {
            return PostgresConfiguration(connectionString: url)
        }
        let cluster = EmbeddedPostgres(
            dataDirectory: NSTemporaryDirectory() + "relay-test-postgres-\(getuid())",
            settings: ["fsync": "off", "synchronous_commit": "off", "full_page_writes": "off", "max_connections": "300"])
        return try await cluster.start()
    }

    /// Runs `body` with a database of its own (made ready by `prepare`, such as a migration),
    /// dropped afterwards.
    public static func withDatabase<T>(
        prepare: (PostgresConfiguration) async throws -> Void = { _ in }, _ body: (PostgresConfiguration) async throws -> T
    ) async throws -> T {
        let admin = try await server.value
        let name = "relay_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let connection = try await PostgresPool.connect(admin)
        try await connection.runScript(unsafeSQL: "CREATE DATABASE \(name)")
        await connection.close()
        do {
            let configuration = admin.withDatabase(name)
            try await prepare(configuration)
            let result = try await body(configuration)
            try await drop(name, admin: admin)
            return result
        } catch {
            try? await drop(name, admin: admin)
            throw error
        }
    }

    private static func drop(_ name: String, admin: PostgresConfiguration) async throws {
        let connection = try await PostgresPool.connect(admin)
        try await connection.runScript(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
        await connection.close()
    }

    /// Runs `body` with a pool on a fresh database (made ready by `prepare`).
    public static func withPool<T>(
        options: PostgresPool.Options = PostgresPool.Options(), prepare: (PostgresConfiguration) async throws -> Void = { _ in },
        _ body: (PostgresPool) async throws -> T
    ) async throws -> T {
        try await withDatabase(prepare: prepare) { configuration in
            let pool = PostgresPool(configuration: configuration, options: options)
            do {
                let result = try await body(pool)
                await pool.close()
                return result
            } catch {
                await pool.close()
                throw error
            }
        }
    }
}
