import Foundation
import RelayDomain
import RelayPostgres

/// One row of `api_key_audit_log`, as the tests read it.
struct AuditRow {
    let action: String
    let changes: [String: [String: Any]]
    let changesText: String
    let actor: UUID?
    let requestID: String

    /// The key's audit rows, oldest first.
    static func of(_ key: APIKeyID, _ pool: PostgresPool) async throws -> [AuditRow] {
        let rows = try await pool.query(
            "SELECT action, changes::text, actor_key_id, request_id FROM api_key_audit_log WHERE api_key_id = \(key.uuid) ORDER BY id")
        return try rows.map { row in
            let (action, text, actor, requestID) = try row.decode((String, String, UUID?, String).self)
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: [String: Any]] ?? [:]
            return AuditRow(action: action, changes: object, changesText: text, actor: actor, requestID: requestID)
        }
    }
}

/// Whether `a` and `b` are within a millisecond (times that went through the database).
func nearlyEqual(_ a: Date?, _ b: Date?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a.timeIntervalSince(b)) < 0.001
}
