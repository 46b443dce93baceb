internal import Foundation
public import RelayDomain
public import RelayPostgres

/// Organizations in PostgreSQL (`organizations`), including the first start's bootstrap.
public struct PostgresOrganizationRepository: OrganizationRepository {
    /// Where the organizations are: one pool per event loop; each call uses the pool of the loop it runs on.
    public let pools: PostgresPoolGroup

    /// A repository over `pools` (a call uses ``PostgresPoolGroup/current``).
    public init(pools: PostgresPoolGroup) {
        self.pools = pools
    }

    /// A repository over one pool.
    public init(pool: PostgresPool) {
        self.init(pools: PostgresPoolGroup(pool))
    }

    /// The pool of the calling thread's loop.
    private var pool: PostgresPool { pools.current }

    public func create(name: String) async throws(DomainError) -> OrganizationID {
        try await storeOperation("creating an organization") {
            let rows = try await pool.query("INSERT INTO organizations (name) VALUES (\(name)) RETURNING id")
            return OrganizationID(try rows[0].decode(UUID.self, at: 0))
        }
    }

    public func find(name: String) async throws(DomainError) -> OrganizationID? {
        try await storeOperation("finding an organization") {
            let rows = try await pool.query(
                "SELECT id FROM organizations WHERE name = \(name) ORDER BY created_at, id LIMIT 1")
            return try rows.first.map { OrganizationID(try $0.decode(UUID.self, at: 0)) }
        }
    }

    /// Several instances starting at once serialize on a table lock that conflicts with itself
    /// (and with every write to `organizations`), so exactly one of them sees the table empty.
    public func bootstrapIfEmpty(name: String, key: NewAPIKey) async throws(DomainError) -> APIKey? {
        try await storeOperation("bootstrapping the first organization") {
            try await pool.withTransaction { connection -> APIKey? in
                try await connection.runScript(unsafeSQL: "LOCK TABLE organizations IN SHARE ROW EXCLUSIVE MODE")
                let existing = try await connection.query("SELECT EXISTS (SELECT 1 FROM organizations)")
                if try existing[0].decode(Bool.self, at: 0) { return nil }
                let rows = try await connection.query("INSERT INTO organizations (name) VALUES (\(name)) RETURNING id")
                let organization = OrganizationID(try rows[0].decode(UUID.self, at: 0))
                return try await KeyRows.insert(
                    key, into: organization, audit: AuditContext(actor: nil, requestID: ""), on: connection)
            }
        }
    }
}
