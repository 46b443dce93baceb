internal import Foundation
internal import ProtoWire
internal import RelayAPI
public import RelayCore
public import RelayDomain
public import RelayRPC

/// `relay.v1.AnalyticsService/StreamEvents`: the organization's events, live, after an optional
/// backlog (from a cursor or a start time), with heartbeats, filtered by type, domain, tag or
/// message. A resumed stream misses nothing and repeats nothing: the backlog is read from the log
/// up to where the live subscription starts, and live events at or before the last one sent are
/// skipped.
public struct EventStreamHandlers: RPCService {
    let hub: EventHub
    let log: any EventLog

    /// Handlers over the hub (live events) and the log (backlogs).
    public init(hub: EventHub, log: any EventLog) {
        self.hub = hub
        self.log = log
    }

    public var methods: [RPCMethod] {
        let hub = self.hub
        let log = self.log
        return [
            .serverStreaming("relay.v1.AnalyticsService", "StreamEvents", StreamEventsRequest.self, StreamEventsResponse.self) {
                request, responses, context in
                try await Self.stream(request, to: responses, organization: try context.principal.organizationID, hub: hub, log: log)
            }
        ]
    }

    private static func stream(
        _ request: StreamEventsRequest, to responses: ResponseWriter<StreamEventsResponse>, organization: OrganizationID, hub: EventHub,
        log: any EventLog
    ) async throws {
        let filter = try Self.filter(request)
        let heartbeat = try Self.heartbeatInterval(request)
        var from: EventCursor?
        if !request.resumeCursor.isEmpty {
            guard let cursor = EventCursor(text: request.resumeCursor) else {
                throw DomainError.invalidArgument(field: "resume_cursor", reason: "is not a cursor this server issued")
            }
            from = cursor
        } else if let start = request.startTime {
            let date = try start.date(field: "start_time")
            guard date >= Date().addingTimeInterval(-7 * 86400) else {
                throw DomainError.invalidArgument(field: "start_time", reason: "is more than 7 days ago (the retention of events)")
            }
            from = try await log.cursor(in: organization, at: date)
        }
        let subscription = try await hub.subscribe(organization, filter: filter)
        var lastSent = from ?? subscription.start
        var scanned = lastSent
        var lastWrite = ContinuousClock.now
        func send(_ event: DeliveryEvent) async throws {
            guard event.cursor > lastSent else { return }
            var response = StreamEventsResponse()
            response.payload = .event(EventMapping.message(event))
            try await responses.write(response)
            lastSent = event.cursor
            scanned = max(scanned, event.cursor)
            lastWrite = .now
        }
        // The backlog, from the log, up to where the live events start.
        if var cursor = from {
            while cursor < subscription.start {
                let page = try await log.events(in: organization, after: cursor, limit: 500)
                for event in page.events where event.cursor <= subscription.start && filter.matches(event) { try await send(event) }
                if page.position <= cursor { break }
                cursor = min(page.position, subscription.start)
                scanned = max(scanned, cursor)
            }
        }
        for await item in subscription {
            switch item {
            case .event(let event):
                try await send(event)
            case .advanced(let position):
                scanned = max(scanned, position)
                if ContinuousClock.now - lastWrite >= heartbeat {
                    var beat = StreamEventsResponse.Heartbeat()
                    beat.serverTime = Timestamp(Date())
                    beat.latestCursor = scanned == .start ? "" : scanned.description
                    var response = StreamEventsResponse()
                    response.payload = .heartbeat(beat)
                    try await responses.write(response)
                    lastWrite = .now
                }
            case .lagged(let pending):
                var lagged = StreamEventsResponse.Lagged()
                lagged.lastCursor = lastSent == .start ? "" : lastSent.description
                lagged.pendingEvents = Int64(pending)
                lagged.detail = "the subscriber fell \(pending) events behind; reconnect with last_cursor as resume_cursor"
                var response = StreamEventsResponse()
                response.payload = .lagged(lagged)
                try await responses.write(response)
                return
            }
        }
        try Task.checkCancellation()
    }

    private static func filter(_ request: StreamEventsRequest) throws(DomainError) -> EventFilter {
        var filter = EventFilter()
        for (index, type) in request.types.enumerated() {
            guard type != .unspecified, let known = EventType(rawValue: Int16(clamping: type.rawValue)) else {
                throw .invalidArgument(field: "types[\(index)]", reason: "is not an event type")
            }
            filter.types.insert(known)
        }
        filter.domains = Set(request.domains.map { $0.lowercased() })
        filter.tags = Set(request.tags)
        if !request.messageID.isEmpty {
            guard let id = MessageID(text: request.messageID) else {
                throw .invalidArgument(field: "message_id", reason: "is not a message id (msg_…)")
            }
            filter.messageID = id
        }
        return filter
    }

    private static func heartbeatInterval(_ request: StreamEventsRequest) throws(DomainError) -> Duration {
        guard let interval = request.heartbeatInterval else { return .seconds(15) }
        let seconds = Double(interval.seconds) + Double(interval.nanos) / 1e9
        guard (5...60).contains(seconds) else {
            throw .invalidArgument(field: "heartbeat_interval", reason: "must be from 5 to 60 seconds")
        }
        return .milliseconds(Int64(seconds * 1000))
    }
}

/// Events into the contract's messages.
enum EventMapping {
    static func message(_ event: DeliveryEvent) -> Event {
        var message = Event()
        message.cursor = event.cursor.description
        message.type = RelayAPI.EventType(rawValue: Int32(event.type.rawValue))
        message.messageID = event.messageID.description
        message.recipient = event.recipient
        message.occurTime = Timestamp(event.occurredAt)
        message.domain = event.domain
        message.tags = event.tags
        message.detail = event.detail
        message.smtpCode = Int32(clamping: event.smtpCode)
        message.attempt = Int32(clamping: event.attempt)
        message.metadata = event.metadata
        return message
    }
}
