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

    public func get(_ id: OrganizationID) async throws(DomainError) -> Organization {
        let rows = try await storeOperation("reading an organization") {
            try await pool.query("SELECT \(unescapedSQL: Self.columns) FROM organizations WHERE id = \(id.uuid)")
        }
        guard let row = rows.first else { throw .notFound(resource: "organization", id: id.description) }
        do { return try Self.organization(row) } catch { throw StoreErrors.map(error, "reading an organization") }
    }

    public func update(
        _ id: OrganizationID, name: String, rateLimits: RateLimits, defaultKeyRateLimits: RateLimits
    ) async throws(DomainError) -> Organization {
        let (own, keys) = (rateLimits, defaultKeyRateLimits)
        let rows = try await storeOperation("updating an organization") {
            try await pool.withTransaction { connection in
                let rows = try await connection.query(
                    """
                    UPDATE organizations SET name = \(name), updated_at = now(),
                        rate_limit_per_second = \(own.perSecond), rate_limit_per_minute = \(own.perMinute),
                        rate_limit_per_hour = \(own.perHour), rate_limit_per_day = \(own.perDay),
                        key_rate_limit_per_second = \(keys.perSecond), key_rate_limit_per_minute = \(keys.perMinute),
                        key_rate_limit_per_hour = \(keys.perHour), key_rate_limit_per_day = \(keys.perDay)
                    WHERE id = \(id.uuid) RETURNING \(unescapedSQL: Self.columns)
                    """)
                // Every key's cached credential carries these limits: drop them on every instance.
                _ = try await connection.query(
                    "SELECT pg_notify('relay_api_keys', id::text) FROM api_keys WHERE organization_id = \(id.uuid)")
                return rows
            }
        }
        guard let row = rows.first else { throw .notFound(resource: "organization", id: id.description) }
        do { return try Self.organization(row) } catch { throw StoreErrors.map(error, "reading an organization") }
    }

    private static let columns = """
        id, name, created_at, updated_at, rate_limit_per_second, rate_limit_per_minute, rate_limit_per_hour, \
        rate_limit_per_day, key_rate_limit_per_second, key_rate_limit_per_minute, key_rate_limit_per_hour, key_rate_limit_per_day
        """

    private static func organization(_ row: PostgresRow) throws -> Organization {
        Organization(
            id: OrganizationID(try row.decode(UUID.self, column: "id")), name: try row.decode(String.self, column: "name"),
            createdAt: try row.decode(Date.self, column: "created_at"), updatedAt: try row.decode(Date.self, column: "updated_at"),
            rateLimits: try KeyRows.limits(row, prefix: ""), defaultKeyRateLimits: try KeyRows.limits(row, prefix: "key_"))
    }
}
