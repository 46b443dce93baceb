internal import Foundation
public import RelayPostgres

/// Relay's database schema: the versioned SQL files in `Migrations/` (`NNNN_name.sql`), shipped
/// as package resources and applied in order by ``PostgresMigrator``.
public enum RelaySchema {
    /// Why the shipped migrations could not be read.
    public struct LoadingError: Error, CustomStringConvertible {
        /// What is wrong with the resources.
        public let description: String
    }

    /// Every migration, in version order.
    public static func migrations() throws(LoadingError) -> [PostgresMigration] {
        guard let directory = Bundle.module.url(forResource: "Migrations", withExtension: nil) else {
            throw LoadingError(description: "the Migrations resource directory is missing from the bundle")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }
        } catch {
            throw LoadingError(description: "cannot list \(directory.path): \(error)")
        }
        var migrations: [PostgresMigration] = []
        for file in names {
            let stem = file.dropLast(4)
            guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]), version > 0 else {
                throw LoadingError(description: "migration file \(file) is not named NNNN_name.sql")
            }
            guard let sql = try? String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8) else {
                throw LoadingError(description: "cannot read migration \(file)")
            }
            migrations.append(PostgresMigration(version: version, name: String(stem[stem.index(after: underscore)...]), sql: sql))
        }
        return migrations.sorted { $0.version < $1.version }
    }

    /// A migrator for the shipped migrations.
    public static func migrator() throws(LoadingError) -> PostgresMigrator {
        PostgresMigrator(migrations: try migrations())
    }
}
