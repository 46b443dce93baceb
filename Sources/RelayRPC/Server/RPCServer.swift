public import Logging
public import RelayHTTP2
public import RelayTLS
public import RelayIO
internal import Synchronization

/// How a server listens and what it allows.
public struct RPCServerConfiguration: Sendable {
    /// The address to listen on.
    public var host = "127.0.0.1"
    /// The port; 0 picks a free one (see ``RPCServer/port``).
    public var port: UInt16 = 50051
    /// Event-loop threads; 0 means one per core this process may run on.
    public var loopCount = 0
    /// The largest request message accepted (after decompression): gRPC's 4 MiB default.
    public var maxReceiveMessageSize = 4 * 1024 * 1024
    /// The most connections served at once; further ones are closed on accept.
    public var maxConnections = 10_000
    /// Per-connection HTTP/2 settings (concurrent streams, windows, header list size).
    public var http2 = HTTP2Settings()
    /// Buffered response bytes per stream above which a writer suspends.
    public var streamOutputHighWater = 256 * 1024
    /// Whether responses are gzip-compressed for clients that accept it.
    public var compressResponses = false
    /// Responses smaller than this are sent uncompressed even when compression is on.
    public var compressionThreshold = 1024
    /// TLS (ALPN h2) for every connection; nil serves cleartext HTTP/2 (h2c).
    public var tls: TLSServerContext?

    /// The defaults.
    public init() {}
}

/// State every connection of a server shares.
final class ServerShared: Sendable {
    let router: RPCRouter
    let interceptors: [any ServerInterceptor]
    let configuration: RPCServerConfiguration
    let logger: Logger
    let connections = Mutex<[ObjectIdentifier: ServerConnection]>([:])

    init(router: RPCRouter, interceptors: [any ServerInterceptor], configuration: RPCServerConfiguration, logger: Logger) {
        self.router = router
        self.interceptors = interceptors
        self.configuration = configuration
        self.logger = logger
    }

    func connectionClosed(_ connection: ServerConnection) {
        _ = connections.withLock { $0.removeValue(forKey: ObjectIdentifier(connection)) }
    }
}

/// A gRPC server over HTTP/2 (h2c): one event loop per core, each accepting on the same port.
public final class RPCServer: Sendable {
    let shared: ServerShared
    private let loops: [EventLoop]
    private let listeners: Mutex<[Socket]> = Mutex([])
    private let boundPort = Atomic<UInt16>(0)

    /// Creates a server for `services`, running `interceptors` (outermost first) around every call.
    public convenience init(
        configuration: RPCServerConfiguration = RPCServerConfiguration(), services: [any RPCService],
        interceptors: [any ServerInterceptor] = [], logger: Logger = Logger(label: "relay.rpc")
    ) throws {
        try self.init(
            configuration: configuration, loops: Self.makeLoops(configuration), services: services,
            interceptors: interceptors, logger: logger)
    }

    /// Creates a server on `loops` (made by ``makeLoops(_:)``, not started: ``start()`` starts
    /// them), so that what its handlers use, such as database pools, can be made on them first.
    public init(
        configuration: RPCServerConfiguration, loops: [EventLoop], services: [any RPCService],
        interceptors: [any ServerInterceptor] = [], logger: Logger = Logger(label: "relay.rpc")
    ) {
        precondition(!loops.isEmpty, "a server needs at least one loop")
        var router = RPCRouter()
        for service in services { router.register(service) }
        shared = ServerShared(router: router, interceptors: interceptors, configuration: configuration, logger: logger)
        self.loops = loops
    }

    /// The loops a server with `configuration` runs on: `loopCount`, or one per core.
    public static func makeLoops(_ configuration: RPCServerConfiguration) throws(IOError) -> [EventLoop] {
        let count = configuration.loopCount > 0 ? configuration.loopCount : System.availableCores
        var loops: [EventLoop] = []
        for i in 0..<count { loops.append(try EventLoop(name: "relay-loop-\(i)")) }
        return loops
    }

    /// The port the server listens on (after ``start()``).
    public var port: UInt16 { boundPort.load(ordering: .acquiring) }

    /// The services the server routes to.
    public var serviceNames: [String] { shared.router.serviceNames }

    /// Opens the listeners and starts the loops.
    public func start() throws {
        System.ignoreBrokenPipes()
        System.raiseOpenFileLimit()
        let config = shared.configuration
        var port = config.port
        var sockets: [Socket] = []
        for _ in loops {
            let socket = try Socket.listen(host: config.host, port: port, reusePort: loops.count > 1)
            if port == 0 { port = try socket.localPort() }
            sockets.append(socket)
        }
        boundPort.store(port, ordering: .releasing)
        listeners.withLock { $0 = sockets }
        for (loop, socket) in zip(loops, sockets) {
            loop.start()
            let shared = self.shared
            loop.execute {
                let acceptor = Acceptor(listener: socket, loop: loop, shared: shared)
                do {
                    try loop.register(socket.fd, handler: acceptor)
                } catch {
                    shared.logger.critical("cannot watch the listener: \(error)")
                }
            }
        }
    }

    /// Stops gracefully: closes the listeners, sends GOAWAY, lets calls in flight finish for up to
    /// `grace`, then cancels what is left and stops the loops. `beforeStoppingLoops` runs once no
    /// call is left and the loops still run: the moment to close what lives on them (database pools).
    public func shutdown(grace: Duration = .seconds(10), beforeStoppingLoops: () async -> Void = {}) async {
        let sockets = listeners.withLock { s in
            let taken = s
            s.removeAll()
            return taken
        }
        for (loop, socket) in zip(loops, sockets) {
            await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                loop.execute {
                    loop.deregister(socket.fd)
                    socket.close()
                    done.resume()
                }
            }
        }
        let connections = shared.connections.withLock { Array($0.values) }
        for connection in connections { await connection.beginDrain() }
        let deadline = ContinuousClock.now + grace
        while ContinuousClock.now < deadline {
            var open = 0
            for connection in shared.connections.withLock({ Array($0.values) }) { open += await connection.openCallCount }
            if open == 0 { break }
            try? await Task.sleep(for: .milliseconds(10))
        }
        for connection in shared.connections.withLock({ Array($0.values) }) { await connection.closeNow() }
        await beforeStoppingLoops()
        for loop in loops { loop.stop() }
    }
}
