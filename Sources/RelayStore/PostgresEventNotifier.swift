internal import Foundation
public import RelayDomain
public import RelayPostgres
internal import Synchronization

/// Announces that organizations' event logs grew (`NOTIFY relay_events, '<organization uuid>'`),
/// after the appending transactions committed, in a transaction of its own.
///
/// PostgreSQL serializes the commits of every transaction that issued a NOTIFY (a database-wide
/// lock held through the commit's flush): a NOTIFY in each accepting transaction made commits
/// queue one behind the other (about 1,200 sends/s). Here the accepting transactions do not
/// notify; each instance sends one notification per organization for all the commits since its
/// previous one, one at a time, so waiting commits coalesce while one is sent. A lost
/// notification only delays readers until their next poll.
public final class PostgresEventNotifier: Sendable {
    private struct State {
        var pending = Set<OrganizationID>()
        var sending = false
    }

    private let pools: PostgresPoolGroup
    private let state = Mutex(State())

    /// A notifier sending through `pools`.
    public init(pools: PostgresPoolGroup) { self.pools = pools }

    /// Notes that `organization`'s log grew; the notification follows at once, or right after the
    /// one being sent.
    public func touch(_ organization: OrganizationID) {
        let start = state.withLock { state -> Bool in
            state.pending.insert(organization)
            if state.sending { return false }
            state.sending = true
            return true
        }
        if start { Task { await self.drain() } }
    }

    private func drain() async {
        while true {
            let batch = state.withLock { state -> [OrganizationID] in
                let taken = Array(state.pending)
                state.pending.removeAll()
                if taken.isEmpty { state.sending = false }
                return taken
            }
            if batch.isEmpty { return }
            let payloads = batch.map { $0.uuid.uuidString.lowercased() }
            _ = try? await pools.current.query("SELECT pg_notify(\(EventRows.channel), p) FROM unnest(\(payloads)) AS p")
        }
    }
}
