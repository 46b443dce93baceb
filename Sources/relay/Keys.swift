import ArgumentParser
import Foundation
import Logging
import RelayCore
import RelayDomain
import RelayPostgres
import RelayStore

/// `relay keys`: key management straight against the database, for the first key of an
/// organization (every later key can be made with KeyService).
struct Keys: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage API keys directly in the database.", subcommands: [Create.self])

    /// `relay keys create --org NAME --scope SCOPE…`: prints the new key's secret, once.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an API key (and its organization if no organization has that name); prints its secret once.")

        @Option(help: "The organization's name; created if none has it.")
        var org: String

        @Option(name: .customLong("scope"), help: "A scope (FULL_ACCESS, SEND, DOMAINS, TEMPLATES, SUPPRESSIONS, ANALYTICS, READ_ONLY); repeat for several.")
        var scopes: [String] = []

        @Option(help: "A name for the key.")
        var name = "created with relay keys create"

        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            guard !scopes.isEmpty else { throw ValidationError("name at least one --scope") }
            for scope in scopes where Scope(name: scope) == nil {
                throw ValidationError("unknown scope \"\(scope)\" (FULL_ACCESS, SEND, DOMAINS, TEMPLATES, SUPPRESSIONS, ANALYTICS, READ_ONLY)")
            }
        }

        func run() async throws {
            var logger = Logger(label: "relay")
            logger.logLevel = .warning
            let opened = try await database.open(logger: logger)
            let pool = PostgresPool(configuration: opened.configuration)
            do {
                _ = try await opened.migrate(logger: logger)
                let pools = PostgresPoolGroup(pool)
                let organizations = PostgresOrganizationRepository(pools: pools)
                let organization: OrganizationID
                if let found = try await organizations.find(name: org) {
                    organization = found
                } else {
                    organization = try await organizations.create(name: org)
                }
                let made = try KeyManagement.bootstrapKey(
                    organization: organization, name: name, scopes: Set(scopes.compactMap { Scope(name: $0) }))
                let key = try await PostgresKeyRepository(pools: pools).create(made.key, audit: AuditContext(actor: nil, requestID: ""))
                print("created API key \(key.id) in organization \"\(org)\" (\(organization)) with scopes \(key.scopes.sorted().map(\.name).joined(separator: ", "))")
                print("secret (shown only now): \(made.secret)")
            } catch {
                await pool.close()
                await opened.close(logger: logger)
                throw error
            }
            await pool.close()
            await opened.close(logger: logger)
        }
    }
}
