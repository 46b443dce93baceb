public import Foundation
public import RelayDomain
public import RelayPostgres

/// The event log's SQL: the NOTIFY channel and the columns an event is read from.
enum EventRows {
    /// The channel every transaction that appends events notifies, with the organization's uuid.
    static let channel = "relay_events"

    /// For `message_events AS e JOIN messages AS m JOIN domains AS d`.
    static let columns = """
        e.txid, e.id, e.event_type, e.message_id, coalesce(e.recipient, ''), e.occurred_at, d.name, m.tags, e.detail, \
        coalesce(e.smtp_code, 0)::int4, e.attempt, m.metadata
        """

    /// The columns of `message_event_log` and `message_queued_events`, in the same order.
    static let logColumns = """
        e.id, e.txid, e.organization_id, e.message_id, e.event_type, e.recipient, e.occurred_at, e.recorded_at, e.detail, \
        e.smtp_code, e.enhanced_status, e.attempt, e.data
        """

    /// Up to `limit` events matching `condition` (SQL over `e`, with `$n` parameters) in `order`
    /// (stream order, or its reverse): each part of `message_events` is read on its own through
    /// its index, ordered and limited, and the two pages merged (PostgreSQL 15 would read a part
    /// whole to merge the view in order).
    static func page(where condition: String, order: String, limit: String) -> String {
        """
        SELECT * FROM (
            (SELECT \(logColumns) FROM message_event_log AS e WHERE \(condition) ORDER BY \(order) LIMIT \(limit))
            UNION ALL
            (SELECT \(logColumns) FROM message_queued_events AS e WHERE \(condition) ORDER BY \(order) LIMIT \(limit))
        ) AS e ORDER BY \(order) LIMIT \(limit)
        """
    }

    /// `sql` with `values` as its parameters `$1`, `$2`, … in order.
    static func query(_ sql: String, _ values: any PostgresEncodable...) -> PostgresQuery {
        var bindings = PostgresBindings()
        for value in values { bindings.append(value) }
        return PostgresQuery(unsafeSQL: sql, bindings: bindings)
    }

    static func decode(_ row: PostgresRow) throws -> DeliveryEvent {
        let raw = try row.decode(Int16.self, at: 2)
        guard let type = EventType(rawValue: raw) else { throw DomainError.internalError("an event has the unknown type \(raw)") }
        return DeliveryEvent(
            cursor: EventCursor(transaction: try row.decode(UInt64.self, at: 0), id: try row.decode(Int64.self, at: 1)),
            type: type, messageID: MessageID(try row.decode(UUID.self, at: 3)), recipient: try row.decode(String.self, at: 4),
            occurredAt: try row.decode(Date.self, at: 5), domain: try row.decode(String.self, at: 6),
            tags: try row.decode([String].self, at: 7), detail: try row.decode(String.self, at: 8),
            smtpCode: try row.decode(Int.self, at: 9), attempt: try row.decode(Int.self, at: 10),
            metadata: MailJSON.metadata(try row.decode(PostgresJSON.self, at: 11)))
    }
}

/// The event log in PostgreSQL (the `message_events` view: the rows of `message_event_log` and
/// the messages' QUEUED events), read in commit-safe order: `(txid, id)`, only
/// below the oldest running transaction (`pg_snapshot_xmin`), so no event can later appear behind
/// a position already read.
public struct PostgresEventLog: EventLog {
    /// One pool per event loop.
    public let pools: PostgresPoolGroup

    /// A log over `pools`.
    public init(pools: PostgresPoolGroup) { self.pools = pools }

    private var pool: PostgresPool { pools.current }

    public func events(in organization: OrganizationID, after cursor: EventCursor, limit: Int) async throws(DomainError)
        -> (events: [DeliveryEvent], position: EventCursor)
    {
        try await storeOperation("reading events") {
            // One statement, so one snapshot: the frontier and the events below it agree (with two,
            // a transaction committing in between would be skipped by the position).
            let page = EventRows.page(
                where: "e.organization_id = $1 AND (e.txid, e.id) > ($2, $3) AND e.txid < f.xmin", order: "e.txid, e.id", limit: "$4")
            let rows = try await pool.query(
                EventRows.query(
                    """
                    WITH frontier AS MATERIALIZED (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
                    SELECT \(EventRows.columns), f.xmin AS frontier
                    FROM frontier AS f LEFT JOIN LATERAL (\(page)) AS e ON true
                    LEFT JOIN messages AS m ON m.id = e.message_id LEFT JOIN domains AS d ON d.id = m.domain_id
                    ORDER BY e.txid, e.id
                    """, organization.uuid, cursor.transaction, cursor.id, Int64(limit)))
            var events: [DeliveryEvent] = []
            for row in rows where !row.isNull(at: 1) { events.append(try EventRows.decode(row)) }
            if events.count == limit, let last = events.last { return (events, last.cursor) }
            // Everything visible was read: the position moves up to the frontier.
            let frontier = EventCursor(transaction: try rows[0].decode(UInt64.self, column: "frontier"), id: 0)
            return (events, max(events.last?.cursor ?? cursor, max(cursor, frontier)))
        }
    }

    public func cursor(in organization: OrganizationID, at date: Date) async throws(DomainError) -> EventCursor {
        try await storeOperation("finding an event position") {
            // The position just before the first event recorded at or after `date`.
            // Found by time (the events since `date`, through the time indexes), then ordered: in
            // stream order with a LIMIT, PostgreSQL would walk the organization's whole stream
            // from its start to reach a recent time.
            let rows = try await pool.query(
                """
                WITH since AS MATERIALIZED (
                    SELECT e.txid, e.id FROM message_event_log AS e WHERE e.organization_id = \(organization.uuid) AND e.occurred_at >= \(date)
                    UNION ALL
                    SELECT e.txid, e.id FROM message_queued_events AS e WHERE e.organization_id = \(organization.uuid) AND e.occurred_at >= \(date))
                SELECT txid, id FROM since ORDER BY txid, id LIMIT 1
                """)
            guard let row = rows.first else { return try await end(of: organization) }
            let id = try row.decode(Int64.self, at: 1)
            return EventCursor(transaction: try row.decode(UInt64.self, at: 0), id: id - 1)
        }
    }

    public func end(of organization: OrganizationID) async throws(DomainError) -> EventCursor {
        try await storeOperation("finding the end of the event log") {
            let results = try await pool.pipeline([
                EventRows.query(
                    """
                    SELECT e.txid, e.id FROM (\(EventRows.page(
                        where: "e.organization_id = $1 AND e.txid < pg_snapshot_xmin(pg_current_snapshot())",
                        order: "e.txid DESC, e.id DESC", limit: "1"))) AS e
                    """, organization.uuid),
                "SELECT pg_snapshot_xmin(pg_current_snapshot())",
            ])
            let frontier = EventCursor(transaction: try results[1][0].decode(UInt64.self, at: 0), id: 0)
            guard let row = results[0].first else { return frontier }
            return max(frontier, EventCursor(transaction: try row.decode(UInt64.self, at: 0), id: try row.decode(Int64.self, at: 1)))
        }
    }
}
