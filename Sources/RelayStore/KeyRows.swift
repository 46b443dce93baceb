internal import Foundation
internal import RelayDomain
internal import RelayPostgres

/// The SQL of `api_keys` rows shared by the repositories: the column list an ``APIKey`` is
/// decoded from, the insert, audit records and change notifications.
enum KeyRows {
    /// The NOTIFY channel of key changes; the payload is the key's uuid as text.
    static let channel = "relay_api_keys"

    /// The columns ``decode(_:)`` reads, for a table aliased `k`. The previous secret's expiry is
    /// given only while it is in the future.
    static let columns = """
        k.id, k.organization_id, k.name, k.prefix, k.scopes, k.created_at, k.updated_at, k.expires_at, \
        k.last_used_at, k.revoked_at, k.created_by_key_id, k.rate_limit_per_second, k.rate_limit_per_minute, \
        k.rate_limit_per_hour, k.rate_limit_per_day, \
        CASE WHEN k.previous_secret_expires_at > now() THEN k.previous_secret_expires_at END AS previous_secret_expires_at
        """

    /// A key from a row holding ``columns``.
    static func decode(_ row: PostgresRow) throws -> APIKey {
        let rawScopes = try row.decode([Int16].self, column: "scopes")
        var scopes = Set<Scope>()
        for raw in rawScopes {
            guard let scope = Scope(rawValue: raw) else {
                throw DomainError.internalError("an API key has the unknown scope number \(raw)")
            }
            scopes.insert(scope)
        }
        return APIKey(
            id: APIKeyID(try row.decode(UUID.self, column: "id")),
            organizationID: OrganizationID(try row.decode(UUID.self, column: "organization_id")),
            name: try row.decode(String.self, column: "name"),
            prefix: try row.decode(String.self, column: "prefix"),
            scopes: scopes,
            createdAt: try row.decode(Date.self, column: "created_at"),
            updatedAt: try row.decode(Date?.self, column: "updated_at"),
            expiresAt: try row.decode(Date?.self, column: "expires_at"),
            lastUsedAt: try row.decode(Date?.self, column: "last_used_at"),
            revokedAt: try row.decode(Date?.self, column: "revoked_at"),
            createdBy: try row.decode(UUID?.self, column: "created_by_key_id").map(APIKeyID.init),
            rateLimits: try limits(row, prefix: ""),
            previousSecretExpiresAt: try row.decode(Date?.self, column: "previous_secret_expires_at"))
    }

    /// The four `<prefix>rate_limit_per_*` columns of a row.
    static func limits(_ row: PostgresRow, prefix: String) throws -> RateLimits {
        RateLimits(
            perSecond: try row.decode(Int64?.self, column: prefix + "rate_limit_per_second"),
            perMinute: try row.decode(Int64?.self, column: prefix + "rate_limit_per_minute"),
            perHour: try row.decode(Int64?.self, column: prefix + "rate_limit_per_hour"),
            perDay: try row.decode(Int64?.self, column: prefix + "rate_limit_per_day"))
    }

    /// Scopes as stored: their numbers, ascending.
    static func scopeNumbers(_ scopes: Set<Scope>) -> [Int16] {
        scopes.map(\.rawValue).sorted()
    }

    /// Scopes for the audit log: their contract names in number order, comma-separated.
    static func scopeNames(_ scopes: Set<Scope>) -> String {
        scopes.sorted().map(\.name).joined(separator: ",")
    }

    /// A time for the audit log (ISO 8601, UTC).
    static func auditTime(_ date: Date?) -> String? {
        date?.formatted(.iso8601)
    }

    /// Inserts `key` (into `organization`, whatever `key.organizationID` says) with its `create`
    /// audit record; the caller provides the transaction.
    static func insert(
        _ key: NewAPIKey, into organization: OrganizationID, audit: AuditContext, on connection: PostgresConnection
    ) async throws -> APIKey {
        let limits = key.rateLimits
        let rows = try await connection.query(
            """
            INSERT INTO api_keys AS k (organization_id, name, prefix, secret_hash, scopes, expires_at, created_by_key_id,
                rate_limit_per_second, rate_limit_per_minute, rate_limit_per_hour, rate_limit_per_day)
            VALUES (\(organization.uuid), \(key.name), \(key.prefix), \(key.secretHash), \(scopeNumbers(key.scopes)),
                \(key.expiresAt), \(key.createdBy?.uuid), \(limits.perSecond), \(limits.perMinute), \(limits.perHour),
                \(limits.perDay))
            RETURNING \(unescapedSQL: columns)
            """)
        guard let row = rows.first else { throw DomainError.internalError("the key insert returned no row") }
        let stored = try decode(row)
        var changes: [String: FieldChange] = [
            "name": FieldChange(old: nil, new: stored.name),
            "prefix": FieldChange(old: nil, new: stored.prefix),
            "scopes": FieldChange(old: nil, new: scopeNames(stored.scopes)),
        ]
        if let expiresAt = stored.expiresAt { changes["expire_time"] = FieldChange(old: nil, new: auditTime(expiresAt)) }
        for window in RateWindow.allCases {
            if let limit = stored.rateLimits[window] {
                changes["rate_limits.per_" + window.name] = FieldChange(old: nil, new: String(limit))
            }
        }
        try await record("create", key: stored.id, in: organization, changes: try json(changes), audit: audit, on: connection)
        return stored
    }

    /// Appends one audit record.
    static func record(
        _ action: String, key: APIKeyID, in organization: OrganizationID, changes: PostgresJSON, audit: AuditContext,
        on connection: PostgresConnection
    ) async throws {
        _ = try await connection.query(
            """
            INSERT INTO api_key_audit_log (organization_id, api_key_id, actor_key_id, action, changes, request_id)
            VALUES (\(organization.uuid), \(key.uuid), \(audit.actor?.uuid), \(action), \(changes), \(audit.requestID))
            """)
    }

    /// Tells every instance that `key` changed (delivered when the transaction commits).
    static func notifyChange(of key: APIKeyID, on connection: PostgresConnection) async throws {
        _ = try await connection.query("SELECT pg_notify(\(channel), \(key.uuid.uuidString.lowercased()))")
    }

    /// `{"field": {"old": …, "new": …}}` (an unset side is left out), with sorted keys.
    static func json(_ changes: [String: FieldChange]) throws -> PostgresJSON {
        try encode(changes)
    }

    /// Like ``json(_:)``, but every side given is written, an unset one as `null`.
    static func jsonWithNulls(_ changes: [String: [String: String?]]) throws -> PostgresJSON {
        try encode(changes.mapValues { $0.mapValues(NullableText.init) })
    }

    private static func encode(_ value: some Encodable) throws -> PostgresJSON {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(value)
        return PostgresJSON(String(decoding: data, as: UTF8.self))
    }

    /// A text value encoded as JSON `null` when it is nil (rather than left out).
    private struct NullableText: Encodable {
        let text: String?
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            if let text { try container.encode(text) } else { try container.encodeNil() }
        }
    }
}
