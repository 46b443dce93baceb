public import Logging
internal import Synchronization

/// What a handler and its interceptors know about one call: who called what, with which
/// metadata, until when; plus values that interceptors attach (such as the authenticated caller).
public struct ServerContext: Sendable {
    /// The method path, such as `/relay.v1.SendService/SendEmail`.
    public let path: String
    /// The remote peer, such as `127.0.0.1:53412`.
    public let peer: String
    /// The request metadata (custom headers; `-bin` values decoded).
    public let metadata: Metadata
    /// When the call's deadline (`grpc-timeout`) expires, if it has one.
    public let deadline: ContinuousClock.Instant?
    /// An id for this call, for logs (the `x-request-id` header if the client sent one).
    public let requestID: String
    /// A logger carrying the call's method and request id (built when first asked for: setting
    /// metadata re-renders it in swift-log's handlers, which most calls never need).
    public var logger: Logger {
        get {
            if let assignedLogger { return assignedLogger }
            var logger = serverLogger
            logger[metadataKey: "rpc.method"] = .string(path)
            logger[metadataKey: "rpc.request_id"] = .string(requestID)
            return logger
        }
        set { assignedLogger = newValue }
    }
    /// The level `logger` logs at, without building it.
    var logLevel: Logger.Level { assignedLogger?.logLevel ?? serverLogger.logLevel }
    private let serverLogger: Logger
    private var assignedLogger: Logger?
    /// Typed values attached by interceptors.
    public var values = ContextValues()
    /// Typed values interceptors keep for the call's connection, shared by its calls (such as the
    /// credential a connection authenticated, so that its next calls need not do it again).
    public let connection: ConnectionValues
    /// Sets response metadata (headers before the first message, trailers at the end).
    public let response: ResponseMetadata

    /// The service part of the path (`relay.v1.SendService`).
    public var service: Substring { path.dropFirst().prefix { $0 != "/" } }
    /// The method part of the path (`SendEmail`).
    public var method: Substring { path[path.index(after: path.lastIndex(of: "/") ?? path.startIndex)...] }

    init(
        path: String, peer: String, metadata: Metadata, deadline: ContinuousClock.Instant?, requestID: String,
        serverLogger: Logger, connection: ConnectionValues, response: ResponseMetadata
    ) {
        self.path = path
        self.peer = peer
        self.metadata = metadata
        self.deadline = deadline
        self.requestID = requestID
        self.serverLogger = serverLogger
        self.connection = connection
        self.response = response
    }
}

/// A key for a typed value in ``ContextValues``.
public protocol ContextKey {
    /// The type of the value.
    associatedtype Value: Sendable
}

/// Typed values attached to a call by interceptors, looked up by key type.
public struct ContextValues: Sendable {
    /// A call carries a few values at most: the first is held inline (no allocation), the others
    /// in a list searched in order.
    private var first: (key: ObjectIdentifier, value: any Sendable)?
    private var more: [(key: ObjectIdentifier, value: any Sendable)] = []

    /// Creates an empty set.
    public init() {}

    /// The value for `key`.
    public subscript<K: ContextKey>(_ key: K.Type) -> K.Value? {
        get {
            let id = ObjectIdentifier(key)
            if let first, first.key == id { return first.value as? K.Value }
            for entry in more where entry.key == id { return entry.value as? K.Value }
            return nil
        }
        set {
            let id = ObjectIdentifier(key)
            if first == nil || first?.key == id {
                first = newValue.map { (id, $0) }
                return
            }
            more.removeAll { $0.key == id }
            if let newValue { more.append((id, newValue)) }
        }
    }
}

/// Typed values kept for one connection, set and read by its calls' interceptors (from any task).
public final class ConnectionValues: Sendable {
    private let storage = Mutex(ContextValues())

    /// An empty set.
    public init() {}

    /// The value for `key`.
    public subscript<K: ContextKey>(_ key: K.Type) -> K.Value? {
        get { storage.withLock { $0[key] } }
        set { storage.withLock { $0[key] = newValue } }
    }
}

/// Response metadata of one call, set from any task; applied on the connection's loop.
public struct ResponseMetadata: Sendable {
    let call: CallHandle

    /// Adds headers sent before the first response message (ignored once headers went out).
    public func addInitial(_ metadata: Metadata) async {
        await call.connection.addInitialMetadata(call.stream, metadata)
    }

    /// Adds trailers sent with the final status.
    public func addTrailing(_ metadata: Metadata) async {
        await call.connection.addTrailingMetadata(call.stream, metadata)
    }
}

/// Identifies one call on one connection.
struct CallHandle: Sendable {
    let connection: ServerConnection
    let stream: Int32
}
