public import Foundation
public import RelayDomain
public import RelayPostgres

/// API keys and their audit log in PostgreSQL (`api_keys`, `api_key_audit_log`). Every change of
/// an existing key is announced on the `relay_api_keys` channel in its transaction (see
/// ``PostgresKeyChangeFeed``).
public struct PostgresKeyRepository: KeyRepository {
    /// Where the keys are: one pool per event loop; each call uses the pool of the loop it runs on.
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

    public func create(_ key: NewAPIKey, audit: AuditContext) async throws(DomainError) -> APIKey {
        try await storeOperation("creating an API key") {
            try await pool.withTransaction { connection in
                try await KeyRows.insert(key, into: key.organizationID, audit: audit, on: connection)
            }
        }
    }

    public func get(_ id: APIKeyID, in organization: OrganizationID) async throws(DomainError) -> APIKey {
        try await storeOperation("reading an API key") {
            let rows = try await pool.query(
                """
                SELECT \(unescapedSQL: KeyRows.columns) FROM api_keys AS k
                WHERE k.id = \(id.uuid) AND k.organization_id = \(organization.uuid)
                """)
            guard let row = rows.first else { throw Self.notFound(id) }
            return try KeyRows.decode(row)
        }
    }

    public func list(
        in organization: OrganizationID, includeRevoked: Bool, after cursor: KeyPageCursor?, limit: Int
    ) async throws(DomainError) -> (keys: [APIKey], totalCount: Int) {
        guard limit >= 0 else { throw .invalidArgument(field: "page_size", reason: "must not be negative") }
        return try await storeOperation("listing API keys") {
            let count: PostgresQuery = """
                SELECT count(*) FROM api_keys AS k
                WHERE k.organization_id = \(organization.uuid) AND (\(includeRevoked) OR k.revoked_at IS NULL)
                """
            let page: PostgresQuery
            if let cursor {
                page = """
                    SELECT \(unescapedSQL: KeyRows.columns) FROM api_keys AS k
                    WHERE k.organization_id = \(organization.uuid) AND (\(includeRevoked) OR k.revoked_at IS NULL)
                      AND (k.created_at, k.id) < (\(cursor.createdAt), \(cursor.id.uuid))
                    ORDER BY k.created_at DESC, k.id DESC
                    LIMIT \(limit)
                    """
            } else {
                page = """
                    SELECT \(unescapedSQL: KeyRows.columns) FROM api_keys AS k
                    WHERE k.organization_id = \(organization.uuid) AND (\(includeRevoked) OR k.revoked_at IS NULL)
                    ORDER BY k.created_at DESC, k.id DESC
                    LIMIT \(limit)
                    """
            }
            let results = try await pool.pipeline([count, page])
            let total = try results[0][0].decode(Int64.self, at: 0)
            return (try results[1].map(KeyRows.decode), Int(total))
        }
    }

    public func update(
        _ id: APIKeyID, in organization: OrganizationID, to settings: KeySettings, changes: [String: FieldChange],
        audit: AuditContext
    ) async throws(DomainError) -> APIKey {
        try await storeOperation("updating an API key") {
            try await pool.withTransaction { connection in
                let limits = settings.rateLimits
                let rows = try await connection.query(
                    """
                    UPDATE api_keys AS k
                    SET name = \(settings.name), scopes = \(KeyRows.scopeNumbers(settings.scopes)),
                        expires_at = \(settings.expiresAt), rate_limit_per_second = \(limits.perSecond),
                        rate_limit_per_minute = \(limits.perMinute), rate_limit_per_hour = \(limits.perHour),
                        rate_limit_per_day = \(limits.perDay), updated_at = now()
                    WHERE k.id = \(id.uuid) AND k.organization_id = \(organization.uuid) AND k.revoked_at IS NULL
                    RETURNING \(unescapedSQL: KeyRows.columns)
                    """)
                guard let row = rows.first else {
                    let existing = try await connection.query(
                        "SELECT 1 FROM api_keys WHERE id = \(id.uuid) AND organization_id = \(organization.uuid)")
                    throw existing.isEmpty ? Self.notFound(id) : DomainError.failedPrecondition("the key is revoked")
                }
                let key = try KeyRows.decode(row)
                if !changes.isEmpty {
                    try await KeyRows.record(
                        "update", key: id, in: organization, changes: try KeyRows.json(changes), audit: audit, on: connection)
                    if let scopes = changes["scopes"] {
                        try await KeyRows.record(
                            "scopes", key: id, in: organization, changes: try KeyRows.json(["scopes": scopes]), audit: audit,
                            on: connection)
                    }
                }
                try await KeyRows.notifyChange(of: id, on: connection)
                return key
            }
        }
    }

    public func revoke(_ id: APIKeyID, in organization: OrganizationID, audit: AuditContext) async throws(DomainError) -> APIKey {
        try await storeOperation("revoking an API key") {
            try await pool.withTransaction { connection in
                // Concurrent revocations in one organization serialize here, so two of them cannot
                // each see the other's key as the remaining FULL_ACCESS key.
                _ = try await connection.query("SELECT 1 FROM organizations WHERE id = \(organization.uuid) FOR UPDATE")
                let rows = try await connection.query(
                    """
                    SELECT \(unescapedSQL: KeyRows.columns), (k.expires_at IS NULL OR k.expires_at > now()) AS unexpired
                    FROM api_keys AS k
                    WHERE k.id = \(id.uuid) AND k.organization_id = \(organization.uuid)
                    FOR UPDATE
                    """)
                guard let row = rows.first else { throw Self.notFound(id) }
                let key = try KeyRows.decode(row)
                if key.revokedAt != nil { return key }
                if key.scopes.contains(.fullAccess), try row.decode(Bool.self, column: "unexpired") {
                    let others = try await connection.query(
                        """
                        SELECT count(*) FROM api_keys
                        WHERE organization_id = \(organization.uuid) AND id <> \(id.uuid) AND revoked_at IS NULL
                          AND (expires_at IS NULL OR expires_at > now()) AND scopes @> \([Scope.fullAccess.rawValue])
                        """)[0].decode(Int64.self, at: 0)
                    if others == 0 {
                        throw DomainError.failedPrecondition(
                            "the key is the organization's last active FULL_ACCESS key; create another FULL_ACCESS key first")
                    }
                }
                let revoked = try await connection.query(
                    """
                    UPDATE api_keys AS k
                    SET revoked_at = now(), updated_at = now(), previous_prefix = NULL, previous_secret_hash = NULL,
                        previous_secret_expires_at = NULL
                    WHERE k.id = \(id.uuid) AND k.organization_id = \(organization.uuid)
                    RETURNING \(unescapedSQL: KeyRows.columns)
                    """)
                guard let revokedRow = revoked.first else { throw Self.notFound(id) }
                let result = try KeyRows.decode(revokedRow)
                try await KeyRows.record(
                    "revoke", key: id, in: organization,
                    changes: try KeyRows.json(["revoke_time": FieldChange(old: nil, new: KeyRows.auditTime(result.revokedAt))]),
                    audit: audit, on: connection)
                try await KeyRows.notifyChange(of: id, on: connection)
                return result
            }
        }
    }

    public func rotate(
        _ id: APIKeyID, in organization: OrganizationID, newPrefix: String, newSecretHash: [UInt8],
        previousValidUntil: Date?, audit: AuditContext
    ) async throws(DomainError) -> APIKey {
        try await storeOperation("rotating an API key") {
            try await pool.withTransaction { connection in
                let current = try await connection.query(
                    """
                    SELECT k.prefix, k.revoked_at IS NOT NULL AS revoked,
                        (k.expires_at IS NOT NULL AND k.expires_at <= now()) AS expired
                    FROM api_keys AS k
                    WHERE k.id = \(id.uuid) AND k.organization_id = \(organization.uuid)
                    FOR UPDATE
                    """)
                guard let state = current.first else { throw Self.notFound(id) }
                let (oldPrefix, revoked, expired) = try state.decode((String, Bool, Bool).self)
                if revoked { throw DomainError.failedPrecondition("the key is revoked") }
                if expired { throw DomainError.failedPrecondition("the key is expired") }
                let rows = try await connection.query(
                    """
                    UPDATE api_keys AS k
                    SET previous_prefix = CASE WHEN \(previousValidUntil) > now() THEN k.prefix END,
                        previous_secret_hash = CASE WHEN \(previousValidUntil) > now() THEN k.secret_hash END,
                        previous_secret_expires_at = CASE WHEN \(previousValidUntil) > now() THEN \(previousValidUntil) END,
                        prefix = \(newPrefix), secret_hash = \(newSecretHash), rotated_at = now(), updated_at = now()
                    WHERE k.id = \(id.uuid) AND k.organization_id = \(organization.uuid)
                    RETURNING \(unescapedSQL: KeyRows.columns)
                    """)
                guard let row = rows.first else { throw Self.notFound(id) }
                let key = try KeyRows.decode(row)
                let changes = try KeyRows.jsonWithNulls([
                    "prefix": ["old": oldPrefix, "new": key.prefix],
                    "previous_secret_expire_time": ["new": KeyRows.auditTime(key.previousSecretExpiresAt)],
                ])
                try await KeyRows.record("rotate", key: id, in: organization, changes: changes, audit: audit, on: connection)
                try await KeyRows.notifyChange(of: id, on: connection)
                return key
            }
        }
    }

    public func credential(secretHash: [UInt8]) async throws(DomainError) -> StoredCredential? {
        try await storeOperation("looking up a credential") {
            let rows = try await pool.query(
                """
                SELECT \(unescapedSQL: KeyRows.columns), k.secret_hash <> \(secretHash) AS is_previous,
                    o.rate_limit_per_second AS org_rate_limit_per_second, o.rate_limit_per_minute AS org_rate_limit_per_minute,
                    o.rate_limit_per_hour AS org_rate_limit_per_hour, o.rate_limit_per_day AS org_rate_limit_per_day,
                    o.key_rate_limit_per_second, o.key_rate_limit_per_minute, o.key_rate_limit_per_hour,
                    o.key_rate_limit_per_day
                FROM api_keys AS k JOIN organizations AS o ON o.id = k.organization_id
                WHERE k.secret_hash = \(secretHash) OR k.previous_secret_hash = \(secretHash)
                ORDER BY is_previous
                LIMIT 1
                """)
            guard let row = rows.first else { return nil }
            return StoredCredential(
                key: try KeyRows.decode(row), isPreviousSecret: try row.decode(Bool.self, column: "is_previous"),
                organizationLimits: try KeyRows.limits(row, prefix: "org_"),
                keyDefaultLimits: try KeyRows.limits(row, prefix: "key_"))
        }
    }

    public func recordUse(of keys: [APIKeyID], at time: Date) async throws(DomainError) {
        guard !keys.isEmpty else { return }
        try await storeOperation("recording key use") {
            _ = try await pool.query(
                """
                UPDATE api_keys SET last_used_at = \(time)
                WHERE id = ANY(\(keys.map(\.uuid))) AND (last_used_at IS NULL OR last_used_at < \(time))
                """)
        }
    }

    static func notFound(_ id: APIKeyID) -> DomainError {
        .notFound(resource: "API key", id: id.description)
    }
}
