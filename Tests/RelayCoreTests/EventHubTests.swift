import Foundation
import RelayCore
import RelayDomain
import Synchronization
import Testing

/// An event log in memory (the PostgreSQL one is tested in RelayStoreTests).
final class InMemoryEventLog: EventLog {
    private let stored = Mutex<[DeliveryEvent]>([])
    let reads = Atomic<Int>(0)

    func append(_ type: EventType, organization: OrganizationID, tags: [String] = [], domain: String = "a.test") {
        stored.withLock { events in
            let id = Int64(events.count + 1)
            events.append(
                DeliveryEvent(
                    cursor: EventCursor(transaction: UInt64(id), id: id), type: type, messageID: MessageID(UUID()), recipient: "",
                    occurredAt: Date(), domain: domain, tags: tags, detail: organization.description, smtpCode: 0, attempt: 0,
                    metadata: [:]))
        }
    }

    func events(in organization: OrganizationID, after cursor: EventCursor, limit: Int) async throws(DomainError)
        -> (events: [DeliveryEvent], position: EventCursor)
    {
        reads.add(1, ordering: .relaxed)
        let all = stored.withLock { $0 }.filter { $0.detail == organization.description && $0.cursor > cursor }
        let page = Array(all.prefix(limit))
        return (page, page.last?.cursor ?? max(cursor, stored.withLock { $0.last?.cursor ?? .start }))
    }

    func cursor(in organization: OrganizationID, at date: Date) async throws(DomainError) -> EventCursor { .start }

    func end(of organization: OrganizationID) async throws(DomainError) -> EventCursor {
        stored.withLock { $0.last?.cursor ?? .start }
    }
}

@Suite struct EventHubTests {
    let organization = OrganizationID(UUID())

    func collect(_ subscription: EventHub.Subscription, events count: Int) async -> [EventHub.Item] {
        var items: [EventHub.Item] = []
        for await item in subscription {
            if case .advanced = item { continue }
            items.append(item)
            if case .lagged = item { break }
            if items.count == count { break }
        }
        return items
    }

    @Test func subscribersGetNewMatchingEventsOnceEachInOrder() async throws {
        let log = InMemoryEventLog()
        log.append(.queued, organization: organization)  // before the subscription: not streamed
        let hub = EventHub(log: log)
        let all = try await hub.subscribe(organization, filter: EventFilter())
        var bounces = EventFilter()
        bounces.types = [.bounced]
        let onlyBounces = try await hub.subscribe(organization, filter: bounces)
        #expect(all.start == EventCursor(transaction: 1, id: 1))
        log.append(.sent, organization: organization)
        log.append(.bounced, organization: organization)
        log.append(.delivered, organization: OrganizationID(UUID()))  // another organization's
        hub.notify(organization)
        let got = await collect(all, events: 2)
        #expect(got.map { item -> EventType? in if case .event(let e) = item { e.type } else { nil } } == [.sent, .bounced])
        let bounced = await collect(onlyBounces, events: 1)
        #expect(bounced.count == 1)
        hub.stop()
    }

    @Test func aSubscriberThatFallsBehindIsDroppedWithoutHoldingOthers() async throws {
        let log = InMemoryEventLog()
        var options = EventHub.Options()
        options.maxPending = 3
        let hub = EventHub(log: log, options: options)
        let slow = try await hub.subscribe(organization, filter: EventFilter())
        let fast = try await hub.subscribe(organization, filter: EventFilter())
        // The fast subscriber reads each event as it comes; the slow one reads nothing.
        var fastItems = fast.makeAsyncIterator()
        var received = 0
        for _ in 0..<5 {
            log.append(.queued, organization: organization)
            hub.notify(organization)
            while let item = await fastItems.next() {
                if case .event = item {
                    received += 1
                    break
                }
            }
        }
        #expect(received == 5)
        let items = await collect(slow, events: 100)
        #expect(items.count == 4)
        #expect(items.last == .lagged(pending: 3))
        hub.stop()
    }

    @Test func pollingFindsEventsWithoutNotifications() async throws {
        let log = InMemoryEventLog()
        var options = EventHub.Options()
        options.pollInterval = .milliseconds(20)
        let hub = EventHub(log: log, options: options)
        hub.start()
        let subscription = try await hub.subscribe(organization, filter: EventFilter())
        log.append(.queued, organization: organization)
        #expect(await collect(subscription, events: 1).count == 1)
        hub.stop()
    }
}
