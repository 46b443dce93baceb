internal import Synchronization

/// `grpc.health.v1.Health`: per-service serving status, for load balancers and `grpc_health_probe`.
/// The empty service name is the server as a whole.
public final class HealthService: RPCService {
    public typealias Status = Grpc.Health.V1.HealthCheckResponse.ServingStatus

    private struct State {
        var statuses: [String: Status] = ["": .serving]
        var watchers: [UInt64: (service: String, continuation: AsyncStream<Status>.Continuation)] = [:]
        var nextWatcher: UInt64 = 0
    }

    private let state = Mutex(State())

    /// Creates the service with the server marked SERVING.
    public init() {}

    /// Sets the status of `service` ("" for the whole server) and tells its watchers.
    public func setStatus(_ status: Status, for service: String = "") {
        state.withLock { s in
            s.statuses[service] = status
            for watcher in s.watchers.values where watcher.service == service { watcher.continuation.yield(status) }
        }
    }

    /// Marks every service NOT_SERVING (as a server does when it starts shutting down).
    public func markAllNotServing() {
        state.withLock { s in
            for key in s.statuses.keys { s.statuses[key] = .notServing }
            for watcher in s.watchers.values { watcher.continuation.yield(.notServing) }
        }
    }

    /// The status of `service`, nil if unknown.
    public func status(of service: String) -> Status? { state.withLock { $0.statuses[service] } }

    public var methods: [RPCMethod] {
        let service = "grpc.health.v1.Health"
        typealias V1 = Grpc.Health.V1
        return [
            .unary(service, "Check", V1.HealthCheckRequest.self, V1.HealthCheckResponse.self) { request, _ in
                guard let status = self.status(of: request.service) else {
                    throw RPCError(code: .notFound, message: "unknown service \(request.service)")
                }
                return V1.HealthCheckResponse(status: status)
            },
            .unary(service, "List", V1.HealthListRequest.self, V1.HealthListResponse.self) { _, _ in
                let all = self.state.withLock { $0.statuses }
                return V1.HealthListResponse(statuses: all.mapValues { V1.HealthCheckResponse(status: $0) })
            },
            .serverStreaming(service, "Watch", V1.HealthCheckRequest.self, V1.HealthCheckResponse.self) { request, writer, _ in
                let (stream, continuation) = AsyncStream<Status>.makeStream(bufferingPolicy: .bufferingNewest(1))
                let id = self.state.withLock { s in
                    s.nextWatcher += 1
                    s.watchers[s.nextWatcher] = (request.service, continuation)
                    continuation.yield(s.statuses[request.service] ?? .serviceUnknown)
                    return s.nextWatcher
                }
                defer { _ = self.state.withLock { $0.watchers.removeValue(forKey: id) } }
                var last: Status?
                for await status in stream where status != last {
                    last = status
                    try await writer.write(V1.HealthCheckResponse(status: status))
                }
            },
        ]
    }
}
