internal import Foundation
public import RelayDomain
public import RelayPostgres
internal import Synchronization

/// What every instance announces on one channel (`NOTIFY channel, payload`), received over a
/// dedicated connection that runs `LISTEN channel`, as typed values (payloads that do not parse
/// are ignored).
///
/// When that connection is lost the feed reconnects, waiting 100 ms before the first attempt and
/// doubling up to 5 s, and once it listens again it yields `nil` on every stream: what was
/// announced meanwhile was missed (caches forget everything, readers re-read). Call ``close()``
/// when done: it ends the streams and the connection.
public final class PostgresChannelFeed<Payload: Sendable>: Sendable {
    /// How long to wait between reconnection attempts.
    public struct Backoff: Sendable {
        /// The wait before the first attempt.
        public var initial: Duration
        /// The longest wait (the wait doubles up to it).
        public var maximum: Duration

        /// 100 ms doubling to 5 s by default.
        public init(initial: Duration = .milliseconds(100), maximum: Duration = .seconds(5)) {
            self.initial = initial
            self.maximum = maximum
        }
    }

    private struct State {
        var sinks: [Int: AsyncStream<Payload?>.Continuation] = [:]
        var nextSinkID = 0
        var connection: PostgresConnection?
        var task: Task<Void, Never>?
        var closed = false
    }

    private let configuration: PostgresConfiguration
    private let channel: String
    private let parse: @Sendable (String) -> Payload?
    private let backoff: Backoff
    private let state = Mutex(State())

    private init(configuration: PostgresConfiguration, channel: String, parse: @escaping @Sendable (String) -> Payload?, backoff: Backoff) {
        self.configuration = configuration
        self.channel = channel
        self.parse = parse
        self.backoff = backoff
    }

    /// Connects and starts listening on `channel`; returns once `LISTEN` is in effect, so that
    /// everything committed afterwards is delivered. `.unavailable` when the database cannot be
    /// reached.
    public static func start(
        _ configuration: PostgresConfiguration, channel: String, parse: @escaping @Sendable (String) -> Payload?,
        backoff: Backoff = Backoff()
    ) async throws(DomainError) -> PostgresChannelFeed {
        let feed = PostgresChannelFeed(configuration: configuration, channel: channel, parse: parse, backoff: backoff)
        let (connection, notifications): (PostgresConnection, AsyncStream<PostgresNotification>)
        do {
            (connection, notifications) = try await listeningConnection(configuration, channel)
        } catch {
            throw StoreErrors.map(error, "listening on \(channel)")
        }
        feed.state.withLock { state in
            state.connection = connection
            state.task = Task { await feed.run(notifications) }
        }
        return feed
    }

    /// A stream of the announced values (and `nil` after a reconnection); each call gets a
    /// stream of its own that receives everything from then on. Finished once the feed is closed.
    public func changes() -> AsyncStream<Payload?> {
        let (stream, sink) = AsyncStream.makeStream(of: Payload?.self, bufferingPolicy: .unbounded)
        let id: Int? = state.withLock { state in
            guard !state.closed else { return nil }
            let id = state.nextSinkID
            state.nextSinkID += 1
            state.sinks[id] = sink
            return id
        }
        guard let id else {
            sink.finish()
            return stream
        }
        sink.onTermination = { [weak self] _ in
            _ = self?.state.withLock { $0.sinks.removeValue(forKey: id) }
        }
        return stream
    }

    /// The server process serving the listening connection now (for tests and diagnostics); nil
    /// while reconnecting or after closing.
    public func listenerBackendPID() async -> Int32? {
        guard let connection = state.withLock({ $0.connection }) else { return nil }
        return await connection.backendPID
    }

    /// Stops listening, closes the connection and finishes every stream.
    public func close() async {
        let (task, connection) = state.withLock { state in
            state.closed = true
            let taken = (state.task, state.connection)
            state.connection = nil
            return taken
        }
        task?.cancel()
        await connection?.close()
        await task?.value
        finishAll()
    }

    // MARK: - The listening loop

    private static func listeningConnection(
        _ configuration: PostgresConfiguration, _ channel: String
    ) async throws(PostgresError) -> (PostgresConnection, AsyncStream<PostgresNotification>) {
        let connection = try await PostgresPool.connect(configuration)
        let notifications = await connection.notifications()
        do {
            try await connection.listen(channel)
        } catch {
            await connection.close()
            throw error
        }
        return (connection, notifications)
    }

    private func run(_ first: AsyncStream<PostgresNotification>) async {
        var notifications = first
        while true {
            for await notification in notifications {
                guard let value = parse(notification.payload) else { continue }
                broadcast(value)
            }
            // The stream ended: the connection broke, or the feed is closing.
            let lost = state.withLock { state -> PostgresConnection? in
                defer { state.connection = nil }
                return state.closed ? nil : state.connection
            }
            if let lost { await lost.close() }
            guard let (connection, stream) = await reconnect() else { break }
            let keep = state.withLock { state -> Bool in
                guard !state.closed else { return false }
                state.connection = connection
                return true
            }
            guard keep else {
                await connection.close()
                break
            }
            notifications = stream
            broadcast(nil)
        }
        finishAll()
    }

    /// Connects and listens again, retrying with backoff; nil once the feed is closed.
    private func reconnect() async -> (PostgresConnection, AsyncStream<PostgresNotification>)? {
        var delay = backoff.initial
        while !isClosed {
            do {
                try await Task.sleep(for: delay)
            } catch {
                return nil
            }
            if isClosed { return nil }
            do {
                return try await Self.listeningConnection(configuration, channel)
            } catch {
                delay = min(delay * 2, backoff.maximum)
            }
        }
        return nil
    }

    private var isClosed: Bool { state.withLock { $0.closed } || Task.isCancelled }

    private func broadcast(_ change: Payload?) {
        let sinks = state.withLock { Array($0.sinks.values) }
        for sink in sinks { sink.yield(change) }
    }

    private func finishAll() {
        let sinks = state.withLock { state in
            defer { state.sinks.removeAll() }
            return Array(state.sinks.values)
        }
        for sink in sinks { sink.finish() }
    }
}

/// The key changes every instance announces (`NOTIFY relay_api_keys, '<key uuid>'`).
public typealias PostgresKeyChangeFeed = PostgresChannelFeed<APIKeyID>

extension PostgresChannelFeed: KeyChangeFeed where Payload == APIKeyID {
    /// Listens for key changes.
    public static func start(_ configuration: PostgresConfiguration, backoff: Backoff = Backoff()) async throws(DomainError)
        -> PostgresKeyChangeFeed
    {
        try await start(configuration, channel: KeyRows.channel, parse: { UUID(uuidString: $0).map(APIKeyID.init) }, backoff: backoff)
    }
}

/// The organizations whose event logs grew, as every instance announces them
/// (`NOTIFY relay_events, '<organization uuid>'` in the appending transaction).
public typealias PostgresEventNotifications = PostgresChannelFeed<OrganizationID>

extension PostgresChannelFeed where Payload == OrganizationID {
    /// Listens for event-log growth.
    public static func start(_ configuration: PostgresConfiguration, backoff: Backoff = Backoff()) async throws(DomainError)
        -> PostgresEventNotifications
    {
        try await start(configuration, channel: EventRows.channel, parse: { UUID(uuidString: $0).map(OrganizationID.init) }, backoff: backoff)
    }
}
