public import ProtoWire

/// The four kinds of gRPC call.
public enum RPCKind: Sendable {
    case unary, serverStreaming, clientStreaming, bidirectionalStreaming

    /// Whether the client sends exactly one message.
    var singleRequest: Bool { self == .unary || self == .serverStreaming }
}

/// A handler over raw message bytes: reads requests from `requests`, writes responses to `responses`.
public typealias RawHandler = @Sendable (RequestStream<[UInt8]>, ResponseWriter<[UInt8]>, ServerContext) async throws -> Void

/// One method a server serves.
public struct RPCMethod: Sendable {
    /// The path, `/package.Service/Method`.
    public let path: String
    /// The call kind.
    public let kind: RPCKind
    /// The handler.
    public let handler: RawHandler

    /// Creates a method from a raw handler.
    public init(path: String, kind: RPCKind, handler: @escaping RawHandler) {
        self.path = path
        self.kind = kind
        self.handler = handler
    }

    /// A unary method: one request, one response.
    public static func unary<Req: ProtoMessage, Res: ProtoMessage>(
        _ service: String, _ method: String, _: Req.Type, _: Res.Type,
        _ body: @escaping @Sendable (Req, ServerContext) async throws -> Res
    ) -> RPCMethod {
        RPCMethod(path: "/\(service)/\(method)", kind: .unary) { requests, responses, context in
            let request = try await requests.single(Req.self)
            try await responses.write(try await body(request, context).serializedBytes())
        }
    }

    /// A server-streaming method: one request, any number of responses.
    public static func serverStreaming<Req: ProtoMessage, Res: ProtoMessage>(
        _ service: String, _ method: String, _: Req.Type, _: Res.Type,
        _ body: @escaping @Sendable (Req, ResponseWriter<Res>, ServerContext) async throws -> Void
    ) -> RPCMethod {
        RPCMethod(path: "/\(service)/\(method)", kind: .serverStreaming) { requests, responses, context in
            let request = try await requests.single(Req.self)
            try await body(request, responses.typed(Res.self), context)
        }
    }

    /// A client-streaming method: any number of requests, one response.
    public static func clientStreaming<Req: ProtoMessage, Res: ProtoMessage>(
        _ service: String, _ method: String, _: Req.Type, _: Res.Type,
        _ body: @escaping @Sendable (RequestStream<Req>, ServerContext) async throws -> Res
    ) -> RPCMethod {
        RPCMethod(path: "/\(service)/\(method)", kind: .clientStreaming) { requests, responses, context in
            try await responses.write(try await body(requests.typed(Req.self), context).serializedBytes())
        }
    }

    /// A bidirectional-streaming method.
    public static func bidirectionalStreaming<Req: ProtoMessage, Res: ProtoMessage>(
        _ service: String, _ method: String, _: Req.Type, _: Res.Type,
        _ body: @escaping @Sendable (RequestStream<Req>, ResponseWriter<Res>, ServerContext) async throws -> Void
    ) -> RPCMethod {
        RPCMethod(path: "/\(service)/\(method)", kind: .bidirectionalStreaming) { requests, responses, context in
            try await body(requests.typed(Req.self), responses.typed(Res.self), context)
        }
    }
}

/// Something that serves methods: a service implementation.
public protocol RPCService: Sendable {
    /// The methods it serves.
    var methods: [RPCMethod] { get }
}

/// Wraps every call: sees the context before the handler runs (and may reject the call or add
/// values), and the outcome after. The shape is `intercept(context, next)`.
public protocol ServerInterceptor: Sendable {
    /// Runs around `next`, which runs the rest of the chain and the handler.
    /// Runs where its caller runs (`nonisolated(nonsending)`): an interceptor adds no executor hop.
    nonisolated(nonsending) func intercept(
        context: ServerContext, next: nonisolated(nonsending) @Sendable (ServerContext) async throws -> Void
    ) async throws
}

/// Maps method paths to methods.
public struct RPCRouter: Sendable {
    private var methods: [String: RPCMethod] = [:]

    /// Creates an empty router.
    public init() {}

    /// Adds every method of `service`; a later registration of the same path wins.
    public mutating func register(_ service: some RPCService) {
        for method in service.methods { methods[method.path] = method }
    }

    /// Adds one method.
    public mutating func register(_ method: RPCMethod) { methods[method.path] = method }

    /// The method at `path`.
    public func method(at path: String) -> RPCMethod? { methods[path] }

    /// The names of the services with at least one method, sorted.
    public var serviceNames: [String] {
        Set(methods.keys.map { String($0.dropFirst().prefix { $0 != "/" }) }).sorted()
    }
}
