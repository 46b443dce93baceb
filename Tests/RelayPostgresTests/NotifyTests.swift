import Foundation
import PostgresTestSupport
import RelayPostgres
import Testing

/// LISTEN/NOTIFY between two connections.
@Suite struct NotifyTests {
    @Test func notificationsCrossConnectionsAndOnlyOnCommit() async throws {
        try await TestPostgres.withDatabase { configuration in
            let listener = try await PostgresPool.connect(configuration)
            let sender = try await PostgresPool.connect(configuration)
            defer { Task { await listener.close(); await sender.close() } }
            let stream = await listener.notifications()
            try await listener.listen("relay events")  // a channel name that needs quoting
            var received = stream.makeAsyncIterator()

            try await sender.notify("relay events", payload: "first 'quoted' payload")
            let senderPID = await sender.backendPID
            let first = await received.next()
            #expect(first == PostgresNotification(channel: "relay events", payload: "first 'quoted' payload", senderPID: senderPID))

            // A notification inside a rolled-back transaction is never delivered.
            try await sender.runScript(unsafeSQL: "BEGIN")
            try await sender.notify("relay events", payload: "rolled back")
            try await sender.runScript(unsafeSQL: "ROLLBACK")
            try await sender.withTransaction { tx in try await tx.notify("relay events", payload: "committed") }
            let second = await received.next()
            #expect(second?.payload == "committed")

            // Other channels are not delivered; after UNLISTEN nothing is.
            try await sender.notify("other", payload: "x")
            try await listener.unlisten("relay events")
            try await sender.notify("relay events", payload: "after unlisten")
            try await listener.listen("relay events")
            try await sender.notify("relay events", payload: "last")
            let third = await received.next()
            #expect(third?.payload == "last")
        }
    }

    @Test func theStreamEndsWhenTheConnectionCloses() async throws {
        try await TestPostgres.withDatabase { configuration in
            let listener = try await PostgresPool.connect(configuration)
            let stream = await listener.notifications()
            try await listener.listen("closing")
            await listener.close()
            var iterator = stream.makeAsyncIterator()
            #expect(await iterator.next() == nil)
        }
    }
}
