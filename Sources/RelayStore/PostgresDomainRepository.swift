public import Foundation
public import RelayDomain
public import RelayPostgres

/// The SQL of `domains`, `dkim_keys` and `domain_dns_records` rows.
enum DomainRows {
    /// The `dkim_keys` columns, for a table aliased `k`.
    static let keyColumns = """
        k.id AS key_id, k.selector, k.algorithm, k.status AS key_status, k.public_key, k.private_key_ciphertext, \
        k.private_key_nonce, k.encryption_key_id, k.encryption_key_version, k.created_at AS key_created_at, k.activated_at, \
        k.retired_at
        """

    static func decodeKey(_ row: PostgresRow) throws -> DKIMKey {
        let algorithm = try row.decode(Int16.self, column: "algorithm")
        let status = try row.decode(String.self, column: "key_status")
        guard let algorithm = DKIMAlgorithm(rawValue: algorithm), let status = DKIMKeyStatus(rawValue: status) else {
            throw DomainError.internalError("a DKIM key has an unknown algorithm or status")
        }
        return DKIMKey(
            id: try row.decode(UUID.self, column: "key_id"), selector: try row.decode(String.self, column: "selector"),
            algorithm: algorithm, status: status, publicKey: try row.decode(String.self, column: "public_key"),
            privateKey: SealedPrivateKey(
                ciphertext: try row.decode([UInt8].self, column: "private_key_ciphertext"),
                nonce: try row.decode([UInt8].self, column: "private_key_nonce"),
                keyID: try row.decode(String.self, column: "encryption_key_id"),
                keyVersion: try row.decode(Int32.self, column: "encryption_key_version")),
            createdAt: try row.decode(Date.self, column: "key_created_at"), activatedAt: try row.decode(Date?.self, column: "activated_at"),
            retiredAt: try row.decode(Date?.self, column: "retired_at"))
    }

    static let domainColumns = """
        d.id, d.organization_id, d.name, d.status, d.status_detail, d.return_path_domain, d.created_at, d.verified_at, \
        d.last_checked_at, d.next_check_at, d.degraded_since
        """

    static let recordColumns = """
        r.domain_id, r.purpose, r.record_type, r.name, r.host, r.value, r.priority, r.required, r.dkim_key_id, \
        coalesce(k.selector, '') AS selector, r.check_state, r.found_values, r.explanation, r.spf_add_include, r.spf_include, \
        r.checked_at
        """

    static func decodeRecord(_ row: PostgresRow) throws -> DomainDNSRecord {
        let typeNumber = try row.decode(Int16.self, column: "record_type")
        let type: DNSRecordType = typeNumber == 2 ? .cname : typeNumber == 3 ? .mx : .txt
        var record = DomainDNSRecord(
            purpose: DNSRecordPurpose(rawValue: try row.decode(Int16.self, column: "purpose")) ?? .dkim, type: type,
            name: try row.decode(String.self, column: "name"), host: try row.decode(String.self, column: "host"),
            value: try row.decode(String.self, column: "value"), priority: try row.decode(Int.self, column: "priority"),
            required: try row.decode(Bool.self, column: "required"), dkimKeyID: try row.decode(UUID?.self, column: "dkim_key_id"),
            dkimSelector: try row.decode(String.self, column: "selector"))
        record.state = DNSRecordCheckState(rawValue: try row.decode(Int16.self, column: "check_state")) ?? .notChecked
        record.foundValues = try row.decode([String].self, column: "found_values")
        record.explanation = try row.decode(String.self, column: "explanation")
        record.spfAddInclude = try row.decode(Bool.self, column: "spf_add_include")
        record.spfInclude = try row.decode(String.self, column: "spf_include")
        record.checkedAt = try row.decode(Date?.self, column: "checked_at")
        return record
    }

    static func typeNumber(_ type: DNSRecordType) -> Int16 {
        switch type {
        case .txt, .a: return 1
        case .cname: return 2
        case .mx: return 3
        }
    }
}

/// Sending domains with their DKIM keys and DNS records in PostgreSQL. Deletion is soft
/// (`deleted_at`): accepted messages still deliver, and the log keeps its references.
public struct PostgresDomainRepository: DomainRepository {
    /// One pool per event loop.
    public let pools: PostgresPoolGroup

    /// A repository over `pools`.
    public init(pools: PostgresPoolGroup) { self.pools = pools }

    private var pool: PostgresPool { pools.current }

    public func create(_ domain: SendingDomain) async throws(DomainError) -> SendingDomain {
        try await storeOperation("creating a domain") {
            try await pool.withTransaction { connection in
                var statements: [PostgresQuery] = [
                    """
                    INSERT INTO domains (id, organization_id, name, status, status_detail, return_path_domain, created_at, updated_at,
                        verified_at, last_checked_at, next_check_at)
                    VALUES (\(domain.id.uuid), \(domain.organizationID.uuid), \(domain.name), \(domain.status.rawValue),
                        \(domain.statusDetail), \(domain.returnPathDomain), \(domain.createdAt), \(domain.createdAt),
                        \(domain.verifiedAt), \(domain.lastCheckedAt), \(domain.nextCheckAt))
                    """
                ]
                statements += domain.keys.map { Self.insert($0, of: domain) }
                statements += domain.records.map { Self.insert($0, of: domain) }
                _ = try await connection.pipeline(statements)
            }
            return try await get(domain.id, in: domain.organizationID)
        }
    }

    private static func insert(_ key: DKIMKey, of domain: SendingDomain) -> PostgresQuery {
        """
        INSERT INTO dkim_keys (id, organization_id, domain_id, selector, algorithm, status, public_key, private_key_ciphertext,
            private_key_nonce, encryption_key_id, encryption_key_version, created_at, activated_at, retired_at)
        VALUES (\(key.id), \(domain.organizationID.uuid), \(domain.id.uuid), \(key.selector), \(key.algorithm.rawValue),
            \(key.status.rawValue), \(key.publicKey), \(key.privateKey.ciphertext), \(key.privateKey.nonce), \(key.privateKey.keyID),
            \(key.privateKey.keyVersion), \(key.createdAt), \(key.activatedAt), \(key.retiredAt))
        """
    }

    private static func insert(_ record: DomainDNSRecord, of domain: SendingDomain) -> PostgresQuery {
        """
        INSERT INTO domain_dns_records (organization_id, domain_id, purpose, record_type, name, host, value, priority, required,
            dkim_key_id, spf_include)
        VALUES (\(domain.organizationID.uuid), \(domain.id.uuid), \(record.purpose.rawValue), \(DomainRows.typeNumber(record.type)),
            \(record.name), \(record.host), \(record.value), \(Int32(record.priority)), \(record.required), \(record.dkimKeyID),
            \(record.spfInclude))
        ON CONFLICT (domain_id, purpose, name) DO NOTHING
        """
    }

    public func get(_ id: DomainID, in organization: OrganizationID) async throws(DomainError) -> SendingDomain {
        let found = try await load(.id(id.uuid), organization: organization, limit: 1)
        guard let domain = found.first else { throw .notFound(resource: "domain", id: id.description) }
        return domain
    }

    public func find(named name: String, in organization: OrganizationID) async throws(DomainError) -> SendingDomain? {
        try await load(.name(name), organization: organization, limit: 1).first
    }

    public func list(in organization: OrganizationID, after name: String?, status: DomainStatus?, limit: Int) async throws(DomainError)
        -> (domains: [SendingDomain], totalCount: Int)
    {
        let domains = try await load(.after(name ?? "", status: status?.rawValue ?? 0), organization: organization, limit: limit)
        let total = try await storeOperation("counting domains") {
            try await pool.query(
                """
                SELECT count(*) FROM domains
                WHERE organization_id = \(organization.uuid) AND deleted_at IS NULL AND (\(status?.rawValue ?? 0) = 0 OR status = \(status?.rawValue ?? 0))
                """
            )[0].decode(Int.self, at: 0)
        }
        return (domains, total)
    }

    /// Which live domains to load.
    private enum Selection {
        case id(UUID)
        case name(String)
        case after(String, status: Int16)
    }

    /// Live domains of `organization` that `selection` names, by name, with their keys and records.
    private func load(_ selection: Selection, organization: OrganizationID, limit: Int) async throws(DomainError) -> [SendingDomain] {
        try await storeOperation("reading domains") {
            let select: PostgresQuery
            switch selection {
            case .id(let id):
                select = """
                    SELECT \(unescapedSQL: DomainRows.domainColumns) FROM domains AS d
                    WHERE d.organization_id = \(organization.uuid) AND d.deleted_at IS NULL AND d.id = \(id)
                    """
            case .name(let name):
                select = """
                    SELECT \(unescapedSQL: DomainRows.domainColumns) FROM domains AS d
                    WHERE d.organization_id = \(organization.uuid) AND d.deleted_at IS NULL AND d.name = \(name)
                    """
            case .after(let name, let status):
                select = """
                    SELECT \(unescapedSQL: DomainRows.domainColumns) FROM domains AS d
                    WHERE d.organization_id = \(organization.uuid) AND d.deleted_at IS NULL AND d.name > \(name)
                      AND (\(status) = 0 OR d.status = \(status))
                    ORDER BY d.name LIMIT \(limit)
                    """
            }
            let rows = try await pool.query(select)
            guard !rows.isEmpty else { return [] }
            var domains: [SendingDomain] = []
            for row in rows {
                domains.append(
                    SendingDomain(
                        id: DomainID(try row.decode(UUID.self, column: "id")),
                        organizationID: OrganizationID(try row.decode(UUID.self, column: "organization_id")),
                        name: try row.decode(String.self, column: "name"),
                        status: DomainStatus(rawValue: try row.decode(Int16.self, column: "status")) ?? .pending,
                        statusDetail: try row.decode(String.self, column: "status_detail"),
                        returnPathDomain: try row.decode(String.self, column: "return_path_domain"), keys: [], records: [],
                        createdAt: try row.decode(Date.self, column: "created_at"), verifiedAt: try row.decode(Date?.self, column: "verified_at"),
                        lastCheckedAt: try row.decode(Date?.self, column: "last_checked_at"),
                        nextCheckAt: try row.decode(Date?.self, column: "next_check_at"),
                        degradedSince: try row.decode(Date?.self, column: "degraded_since")))
            }
            let ids = domains.map(\.id.uuid)
            let details = try await pool.pipeline([
                """
                SELECT k.domain_id, \(unescapedSQL: DomainRows.keyColumns) FROM dkim_keys AS k
                WHERE k.domain_id = ANY(\(ids)) ORDER BY k.created_at
                """,
                """
                SELECT \(unescapedSQL: DomainRows.recordColumns) FROM domain_dns_records AS r
                LEFT JOIN dkim_keys AS k ON k.id = r.dkim_key_id
                WHERE r.domain_id = ANY(\(ids)) ORDER BY r.purpose, k.created_at NULLS FIRST, r.name
                """,
            ])
            var keys: [UUID: [DKIMKey]] = [:]
            for row in details[0] { keys[try row.decode(UUID.self, column: "domain_id"), default: []].append(try DomainRows.decodeKey(row)) }
            var records: [UUID: [DomainDNSRecord]] = [:]
            for row in details[1] { records[try row.decode(UUID.self, column: "domain_id"), default: []].append(try DomainRows.decodeRecord(row)) }
            for index in domains.indices {
                domains[index].keys = keys[domains[index].id.uuid] ?? []
                domains[index].records = records[domains[index].id.uuid] ?? []
            }
            return domains
        }
    }

    public func recordCheck(_ domain: SendingDomain) async throws(DomainError) -> SendingDomain {
        try await storeOperation("recording a domain check") {
            try await pool.withTransaction { connection in
                var statements: [PostgresQuery] = [
                    """
                    UPDATE domains SET status = \(domain.status.rawValue), status_detail = \(domain.statusDetail),
                        verified_at = \(domain.verifiedAt), last_checked_at = \(domain.lastCheckedAt),
                        next_check_at = \(domain.nextCheckAt), degraded_since = \(domain.degradedSince), updated_at = now()
                    WHERE id = \(domain.id.uuid) AND organization_id = \(domain.organizationID.uuid) AND deleted_at IS NULL
                    """
                ]
                for record in domain.records {
                    statements.append(
                        """
                        UPDATE domain_dns_records SET check_state = \(record.state.rawValue), found_values = \(record.foundValues),
                            explanation = \(record.explanation), spf_add_include = \(record.spfAddInclude), value = \(record.value),
                            checked_at = \(record.checkedAt)
                        WHERE domain_id = \(domain.id.uuid) AND purpose = \(record.purpose.rawValue) AND name = \(record.name)
                        """)
                }
                for key in domain.keys {
                    statements.append(
                        """
                        UPDATE dkim_keys SET status = \(key.status.rawValue), activated_at = \(key.activatedAt), retired_at = \(key.retiredAt)
                        WHERE id = \(key.id) AND domain_id = \(domain.id.uuid)
                        """)
                }
                _ = try await connection.pipeline(statements)
            }
            return try await get(domain.id, in: domain.organizationID)
        }
    }

    public func addKey(_ key: DKIMKey, to domain: SendingDomain) async throws(DomainError) -> SendingDomain {
        try await storeOperation("adding a DKIM key") {
            try await pool.withTransaction { connection in
                // The records already stored are left as they are.
                let statements = [Self.insert(key, of: domain)] + domain.records.map { Self.insert($0, of: domain) }
                _ = try await connection.pipeline(statements)
            }
            return try await get(domain.id, in: domain.organizationID)
        }
    }

    public func claimDueChecks(limit: Int, lease: TimeInterval) async throws(DomainError) -> [(DomainID, OrganizationID)] {
        try await storeOperation("claiming due domain checks") {
            let rows = try await pool.query(
                """
                UPDATE domains SET next_check_at = now() + make_interval(secs => \(lease))
                WHERE id IN (SELECT id FROM domains WHERE next_check_at <= now() AND deleted_at IS NULL
                             ORDER BY next_check_at LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                RETURNING id, organization_id
                """)
            return try rows.map { (DomainID(try $0.decode(UUID.self, at: 0)), OrganizationID(try $0.decode(UUID.self, at: 1))) }
        }
    }

    public func delete(_ id: DomainID, in organization: OrganizationID) async throws(DomainError) {
        let deleted = try await storeOperation("deleting a domain") {
            try await pool.query(
                """
                UPDATE domains SET deleted_at = now(), next_check_at = NULL, updated_at = now()
                WHERE id = \(id.uuid) AND organization_id = \(organization.uuid) AND deleted_at IS NULL
                RETURNING 1
                """)
        }
        if deleted.isEmpty { throw .notFound(resource: "domain", id: id.description) }
    }
}
