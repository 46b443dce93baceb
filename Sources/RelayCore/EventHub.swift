internal import Foundation
public import RelayDomain
internal import Synchronization

/// Fans the event log out to this instance's live subscribers.
///
/// One reader per organization with subscribers (a *feed*) reads the organization's new events
/// once, when any instance announces them (``notify(_:)``, from LISTEN) and every
/// ``Options/pollInterval`` (events held back behind an older transaction, lost notifications),
/// and hands each event to every subscriber whose filter it matches. Each subscriber has its own
/// bounded queue: a subscriber that falls ``Options/maxPending`` events behind is dropped with a
/// ``Item/lagged(pending:)`` item, so a slow subscriber never slows the reader, delivery, or the
/// other subscribers; it resumes from its last cursor.
public final class EventHub: Sendable {
    /// Page size, poll interval and how far a subscriber may fall behind.
    public struct Options: Sendable {
        /// Events read per query.
        public var pageSize = 500
        /// How often feeds read even without a notification.
        public var pollInterval: Duration = .milliseconds(500)
        /// Events a subscriber may have waiting before it is dropped.
        public var maxPending = 10_000

        /// Defaults: pages of 500, a read every 500 ms, 10,000 waiting events.
        public init() {}
    }

    /// What a subscription yields.
    public enum Item: Sendable, Equatable {
        /// An event matching the filter, in cursor order.
        case event(DeliveryEvent)
        /// The feed has read up to here (whether or not anything matched).
        case advanced(EventCursor)
        /// The subscriber fell too far behind and is dropped; the last item.
        case lagged(pending: Int)
    }

    /// One subscriber's queue; iterate it, and cancel the iterating task (or drop the
    /// subscription) to unsubscribe.
    public struct Subscription: AsyncSequence, Sendable {
        /// The feed's position when the subscription started: everything after it is yielded;
        /// read the log up to it for a backlog.
        public let start: EventCursor
        fileprivate let stream: AsyncStream<Item>
        fileprivate let pending: PendingCount

        /// Yields the items.
        public struct AsyncIterator: AsyncIteratorProtocol {
            fileprivate var base: AsyncStream<Item>.AsyncIterator
            fileprivate let pending: PendingCount

            public mutating func next() async -> Item? {
                let item = await base.next()
                if case .event = item { pending.value.subtract(1, ordering: .relaxed) }
                return item
            }
        }

        public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: stream.makeAsyncIterator(), pending: pending) }
    }

    fileprivate final class PendingCount: Sendable {
        let value = Atomic<Int>(0)
    }

    private struct Sink {
        let continuation: AsyncStream<Item>.Continuation
        let filter: EventFilter
        let pending: PendingCount
    }

    private struct FeedState {
        var position: EventCursor
        var sinks: [Int: Sink] = [:]
        var reading = false
        var dirty = false
    }

    private final class Feed: Sendable {
        let organization: OrganizationID
        let state: Mutex<FeedState>

        init(_ organization: OrganizationID, position: EventCursor) {
            self.organization = organization
            state = Mutex(FeedState(position: position))
        }
    }

    private let log: any EventLog
    private let options: Options
    private let feeds = Mutex<[OrganizationID: Feed]>([:])
    private let nextID = Atomic<Int>(0)
    private let poller = Mutex<Task<Void, Never>?>(nil)

    /// A hub reading `log`; call ``start()`` to poll.
    public init(log: any EventLog, options: Options = Options()) {
        self.log = log
        self.options = options
    }

    /// Starts the periodic reads (until ``stop()``).
    public func start() {
        let interval = options.pollInterval
        poller.withLock { task in
            guard task == nil else { return }
            task = Task { [weak self] in
                while !Task.isCancelled {
                    try? await Task.sleep(for: interval)
                    guard let self else { return }
                    for feed in self.feeds.withLock({ Array($0.values) }) { self.read(feed) }
                }
            }
        }
    }

    /// Stops polling and ends every subscription.
    public func stop() {
        poller.withLock { task in
            task?.cancel()
            task = nil
        }
        let all = feeds.withLock { feeds in
            defer { feeds.removeAll() }
            return Array(feeds.values)
        }
        for feed in all {
            let sinks = feed.state.withLock { state in
                defer { state.sinks.removeAll() }
                return Array(state.sinks.values)
            }
            for sink in sinks { sink.continuation.finish() }
        }
    }

    /// Something was appended to `organization`'s log (nil: anything may have been, a
    /// notification connection was re-established).
    public func notify(_ organization: OrganizationID?) {
        let targets = feeds.withLock { feeds in organization.map { feeds[$0].map { [$0] } ?? [] } ?? Array(feeds.values) }
        for feed in targets { read(feed) }
    }

    /// Subscribes to `organization`'s events matching `filter`, from the current end of its log.
    public func subscribe(_ organization: OrganizationID, filter: EventFilter) async throws(DomainError) -> Subscription {
        let end = try await log.end(of: organization)
        let feed = feeds.withLock { feeds in
            if let feed = feeds[organization] { return feed }
            let feed = Feed(organization, position: end)
            feeds[organization] = feed
            return feed
        }
        let (stream, continuation) = AsyncStream.makeStream(of: Item.self, bufferingPolicy: .unbounded)
        let pending = PendingCount()
        let id = nextID.add(1, ordering: .relaxed).newValue
        let start = feed.state.withLock { state in
            state.sinks[id] = Sink(continuation: continuation, filter: filter, pending: pending)
            return state.position
        }
        continuation.onTermination = { [weak self, weak feed] _ in
            guard let self, let feed else { return }
            let empty = feed.state.withLock { state in
                state.sinks[id] = nil
                return state.sinks.isEmpty
            }
            if empty { self.retire(feed) }
        }
        return Subscription(start: start, stream: stream, pending: pending)
    }

    /// Removes a feed that has no subscriber left (a new subscriber makes a new one).
    private func retire(_ feed: Feed) {
        feeds.withLock { feeds in
            guard feeds[feed.organization] === feed, feed.state.withLock({ $0.sinks.isEmpty }) else { return }
            feeds[feed.organization] = nil
        }
    }

    /// Reads `feed`'s new events and hands them out; a read already running reads again after.
    private func read(_ feed: Feed) {
        let start = feed.state.withLock { state -> Bool in
            if state.reading {
                state.dirty = true
                return false
            }
            state.reading = true
            state.dirty = false
            return true
        }
        guard start else { return }
        let log = self.log
        let options = self.options
        Task {
            while true {
                let position = feed.state.withLock { $0.position }
                let page: (events: [DeliveryEvent], position: EventCursor)
                do {
                    page = try await log.events(in: feed.organization, after: position, limit: options.pageSize)
                } catch {
                    // The next poll tries again.
                    feed.state.withLock { $0.reading = false }
                    return
                }
                let (again, lagging) = feed.state.withLock { state -> (Bool, [Sink]) in
                    state.position = max(state.position, page.position)
                    var lagging: [Sink] = []
                    for (id, sink) in state.sinks {
                        var dropped = false
                        for event in page.events where sink.filter.matches(event) {
                            if sink.pending.value.load(ordering: .relaxed) >= options.maxPending {
                                sink.continuation.yield(.lagged(pending: sink.pending.value.load(ordering: .relaxed)))
                                state.sinks[id] = nil
                                lagging.append(sink)
                                dropped = true
                                break
                            }
                            sink.pending.value.add(1, ordering: .relaxed)
                            sink.continuation.yield(.event(event))
                        }
                        if !dropped { sink.continuation.yield(.advanced(state.position)) }
                    }
                    if page.events.count == options.pageSize || state.dirty {
                        state.dirty = false
                        return (true, lagging)
                    }
                    state.reading = false
                    return (false, lagging)
                }
                // Outside the lock: finishing runs the stream's termination handler, which takes it.
                for sink in lagging { sink.continuation.finish() }
                if !again { return }
            }
        }
    }
}
