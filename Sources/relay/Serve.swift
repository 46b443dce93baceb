import ArgumentParser
import Dispatch
import Foundation
import Glibc
import Logging
import RelayAPI
import RelayPostgres
import RelayRPC
import RelayTLS
import Synchronization

/// `relay serve`: runs the service.
///
/// It opens the database (the embedded cluster under the data directory unless
/// `RELAY_DATABASE_URL` names a server), applies the migrations, and serves gRPC with the
/// standard health and reflection services (reflection describes the whole API contract of
/// `Protos/`). The Relay services come with the keys issue; until then their methods answer
/// UNIMPLEMENTED. On SIGTERM/SIGINT it drains calls, then stops the cluster it started.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Relay service.")

    @Option(help: "Address to listen on (HOST:PORT; port 0 picks a free one). Also RELAY_LISTEN.")
    var listen: String?

    @OptionGroup var database: DatabaseOptions

    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain: serve TLS (ALPN h2). Also RELAY_TLS_CERT.")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key for --tls-cert. Also RELAY_TLS_KEY.")
    var tlsKey: String?

    @Option(help: "Seconds that in-flight calls may take to finish on SIGTERM or SIGINT.")
    var shutdownGrace: Int = 10

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let address = try ListenAddress(listen ?? environment["RELAY_LISTEN"] ?? "127.0.0.1:50051")
        var logger = Logger(label: "relay")
        logger.logLevel = .info
        let termination = TerminationSignal()

        var configuration = RPCServerConfiguration()
        configuration.host = address.host
        configuration.port = address.port
        if let cert = tlsCertificate ?? environment["RELAY_TLS_CERT"] {
            guard let key = tlsKey ?? environment["RELAY_TLS_KEY"] else {
                throw ValidationError("--tls-cert needs --tls-key")
            }
            configuration.tls = try TLSServerContext(certificateChainPath: cert, privateKeyPath: key)
        }
        let health = HealthService()
        let descriptors = try RelayDescriptors.pool()
        // Reflection lists the services actually routed, and describes every file of the contract.
        let served = [
            "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection",
        ]
        let server = try RPCServer(
            configuration: configuration, services: [health, ReflectionService(pool: descriptors, serviceNames: served)],
            logger: logger)

        let opened = try await database.open(logger: logger)
        do {
            _ = try await opened.migrate(logger: logger)
            try server.start()
        } catch {
            await opened.close(logger: logger)
            throw error
        }
        // One pool per RPC loop, so that handlers reach the database without a thread hop.
        let store = PostgresPoolGroup(configuration: opened.configuration, loops: server.eventLoops)
        logger.info("listening on \(address.host):\(server.port)\(configuration.tls == nil ? "" : " (TLS)")")

        await termination.wait()
        logger.info("shutting down: draining calls for up to \(shutdownGrace) s")
        health.markAllNotServing()
        // The pools live on the server's loops: they close before the loops stop.
        await server.shutdown(grace: .seconds(shutdownGrace)) { await store.close() }
        await opened.close(logger: logger)
        logger.info("stopped")
    }
}

/// Catches SIGTERM and SIGINT from the moment it is created (so a signal that arrives while the
/// service is still starting is not fatal); ``wait()`` returns once one has arrived.
final class TerminationSignal: Sendable {
    private let state = Mutex<(fired: Bool, waiter: CheckedContinuation<Void, Never>?, sources: [any DispatchSourceSignal])>((false, nil, []))

    init() {
        signal(SIGTERM, SIG_IGN)
        signal(SIGINT, SIG_IGN)
        let queue = DispatchQueue(label: "relay.signals")
        for number in [SIGTERM, SIGINT] {
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler { [weak self] in self?.fire() }
            source.resume()
            state.withLock { $0.sources.append(source) }
        }
    }

    /// Suspends until SIGTERM or SIGINT has arrived (returns at once if one already did).
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let fired = state.withLock { s in
                if !s.fired { s.waiter = continuation }
                return s.fired
            }
            if fired { continuation.resume() }
        }
    }

    private func fire() {
        let waiter = state.withLock { s in
            s.fired = true
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }
}

/// `HOST:PORT`, with `[v6]:PORT` for IPv6.
struct ListenAddress {
    let host: String
    let port: UInt16

    init(_ text: String) throws {
        guard let colon = text.lastIndex(of: ":"), let port = UInt16(text[text.index(after: colon)...]) else {
            throw ValidationError("listen address must be HOST:PORT, got \(text)")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host.isEmpty ? "0.0.0.0" : host
        self.port = port
    }
}
