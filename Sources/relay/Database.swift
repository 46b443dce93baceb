import ArgumentParser
import Foundation
import Logging
import RelayPostgres
import RelayStore

/// The options every command that reaches the database shares.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("data-dir"), help: "Data directory (the embedded database lives here). Also RELAY_DATA_DIR; default ./.relay.")
    var dataDir: String?

    @Option(
        name: .customLong("database-url"),
        help: "PostgreSQL connection string or URL; without it Relay runs its own cluster in the data directory. Also RELAY_DATABASE_URL.")
    var databaseURL: String?

    /// The data directory in force.
    var dataDirectory: String { Self.dataDirectory(dataDir) }

    /// `option`, else `RELAY_DATA_DIR`, else `./.relay`.
    static func dataDirectory(_ option: String?) -> String {
        option ?? ProcessInfo.processInfo.environment["RELAY_DATA_DIR"] ?? "./.relay"
    }

    /// The database in force: an external server, or the embedded cluster (started if needed).
    func open(logger: Logger) async throws -> OpenDatabase {
        let url = databaseURL ?? ProcessInfo.processInfo.environment["RELAY_DATABASE_URL"]
        if let url, !url.isEmpty {
            let configuration = PostgresConfiguration(connectionString: url)
            logger.info("database: \(configuration)")
            return OpenDatabase(configuration: configuration, startedCluster: nil)
        }
        let cluster = EmbeddedPostgres(dataDirectory: dataDirectory)
        let wasRunning = await cluster.isRunning()
        let configuration = try await cluster.start()
        logger.info("database: embedded PostgreSQL in \(cluster.dataDirectory)\(wasRunning ? " (already running)" : "")")
        return OpenDatabase(configuration: configuration, startedCluster: wasRunning ? nil : cluster)
    }
}

/// A database ready to use, and the embedded cluster to stop afterwards if this process started it.
struct OpenDatabase {
    let configuration: PostgresConfiguration
    let startedCluster: EmbeddedPostgres?

    /// Applies the schema's migrations.
    func migrate(logger: Logger) async throws -> PostgresMigrator.Report {
        let report = try await RelaySchema.migrator().migrate(configuration)
        if report.applied.isEmpty {
            logger.info("schema is at version \(report.currentVersion)")
        } else {
            logger.info("schema migrated to version \(report.currentVersion) (applied \(report.applied.map(String.init).joined(separator: ", ")))")
        }
        return report
    }

    /// Stops the embedded cluster if this process started it.
    func close(logger: Logger) async {
        guard let startedCluster else { return }
        do {
            try await startedCluster.stop()
            logger.info("embedded PostgreSQL stopped")
        } catch {
            logger.error("stopping the embedded PostgreSQL failed: \(error)")
        }
    }
}

/// `relay migrate`: applies the schema's migrations and exits.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply the database migrations (safe while other instances run).")

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let logger = Logger(label: "relay")
        let opened = try await database.open(logger: logger)
        do {
            let report = try await opened.migrate(logger: logger)
            print("schema version \(report.currentVersion); applied: \(report.applied.isEmpty ? "none" : report.applied.map(String.init).joined(separator: ", "))")
        } catch {
            await opened.close(logger: logger)
            throw error
        }
        await opened.close(logger: logger)
    }
}

/// `relay db start|stop`: runs the embedded cluster by hand (for development and the tests).
struct DB: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db", abstract: "Start or stop the embedded PostgreSQL cluster of a data directory.",
        subcommands: [Start.self, Stop.self])

    struct Start: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start the cluster (creating it if needed) and print its connection string.")

        @Option(name: .customLong("data-dir"), help: "Data directory. Also RELAY_DATA_DIR; default ./.relay.")
        var dataDir: String?

        @Option(name: .customLong("setting"), help: "A server setting NAME=VALUE (repeatable), such as fsync=off for a throwaway cluster.")
        var settings: [String] = []

        func run() async throws {
            var parsed: [String: String] = [:]
            for setting in settings {
                guard let equals = setting.firstIndex(of: "=") else { throw ValidationError("--setting must be NAME=VALUE, got \(setting)") }
                parsed[String(setting[..<equals])] = String(setting[setting.index(after: equals)...])
            }
            let cluster = EmbeddedPostgres(dataDirectory: DatabaseOptions.dataDirectory(dataDir), settings: parsed)
            print(try await cluster.start().connectionString)
        }
    }

    struct Stop: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the cluster.")

        @Option(name: .customLong("data-dir"), help: "Data directory. Also RELAY_DATA_DIR; default ./.relay.")
        var dataDir: String?

        func run() async throws {
            try await EmbeddedPostgres(dataDirectory: DatabaseOptions.dataDirectory(dataDir)).stop()
        }
    }
}
