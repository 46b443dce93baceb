import ArgumentParser
import Dispatch
import Foundation
import Glibc
import Logging
import RelayAPI
import RelayCore
import RelayDomain
import RelayIO
import RelayPostgres
import RelayRPC
import RelayServer
import RelayStore
import RelayTLS
import Synchronization

/// `relay serve`: runs the service.
///
/// It opens the database (the embedded cluster under the data directory unless
/// `RELAY_DATABASE_URL` names a server), applies the migrations, and serves gRPC with the
/// standard health and reflection services (reflection describes the whole API contract of
/// `Protos/`) and the Relay services built so far (KeyService); the contract's other methods are
/// authenticated and answer UNIMPLEMENTED. Every keyed call is authenticated, checked for its
/// scope and counted against its rate limits. On the first start of an empty database it creates
/// the `default` organization and prints its first key. On SIGTERM/SIGINT it drains calls, then
/// stops the cluster it started.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Relay service.")

    @Option(help: "Address to listen on (HOST:PORT; port 0 picks a free one). Also RELAY_LISTEN.")
    var listen: String?

    @OptionGroup var database: DatabaseOptions

    @OptionGroup var mail: MailOptions

    @Option(name: .customLong("db-connections"), help: "Database connections of the request handlers, split between the event loops. Default 32.")
    var databaseConnections: Int = 32

    @Option(name: .customLong("tls-cert"), help: "PEM certificate chain: serve TLS (ALPN h2). Also RELAY_TLS_CERT.")
    var tlsCertificate: String?

    @Option(name: .customLong("tls-key"), help: "PEM private key for --tls-cert. Also RELAY_TLS_KEY.")
    var tlsKey: String?

    @Option(help: "Seconds that in-flight calls may take to finish on SIGTERM or SIGINT.")
    var shutdownGrace: Int = 10

    @Option(name: .customLong("key-rate-limits"), help: "Default limits of every key: second=N,minute=N,hour=N,day=N, or none. Also RELAY_KEY_RATE_LIMITS.")
    var keyRateLimits: String?

    @Option(name: .customLong("org-rate-limits"), help: "Default limits of every organization (all its keys together), same form. Also RELAY_ORG_RATE_LIMITS.")
    var organizationRateLimits: String?

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
        let keyLimits = try RateLimitsOption.parse(keyRateLimits ?? environment["RELAY_KEY_RATE_LIMITS"] ?? RateLimitsOption.defaultKey, option: "--key-rate-limits")
        let organizationLimits = try RateLimitsOption.parse(
            organizationRateLimits ?? environment["RELAY_ORG_RATE_LIMITS"] ?? RateLimitsOption.defaultOrganization, option: "--org-rate-limits")

        let opened = try await database.open(logger: logger)
        let loops: [EventLoop]
        let feed: PostgresKeyChangeFeed
        let eventNotifications: PostgresEventNotifications
        let bootstrapped: OrganizationID?
        do {
            _ = try await opened.migrate(logger: logger)
            bootstrapped = try await bootstrap(opened.configuration, logger: logger)
            loops = try RPCServer.makeLoops(configuration)
            feed = try await PostgresKeyChangeFeed.start(opened.configuration)
            eventNotifications = try await PostgresEventNotifications.start(opened.configuration)
        } catch {
            await opened.close(logger: logger)
            throw error
        }

        // One pool per RPC loop, so that handlers reach the database without a thread hop.
        var poolOptions = PostgresPool.Options()
        poolOptions.maxConnections = max(2, databaseConnections)
        let store = PostgresPoolGroup(configuration: opened.configuration, options: poolOptions, loops: loops)
        let keys = PostgresKeyRepository(pools: store)
        var authOptions = Authenticator.Options()
        authOptions.defaultKeyLimits = keyLimits
        authOptions.defaultOrganizationLimits = organizationLimits
        let authenticator = Authenticator(keys: keys, options: authOptions)
        let counters = PostgresRateLimitCounters(pools: store)
        let limiter = RateLimiter(counters: counters)

        let health = HealthService()
        let descriptors = try RelayDescriptors.pool()
        let organizations = OrganizationSettings(
            organizations: PostgresOrganizationRepository(pools: store), serverOrganizationLimits: organizationLimits,
            serverKeyLimits: keyLimits)
        let eventLog = PostgresEventLog(pools: store)
        let hub = EventHub(log: eventLog)
        hub.start()
        let vault = try DKIMKeyVault(kek: try MailOptions.keyEncryptionKey(dataDirectory: database.dataDirectory))
        let domainRepository = PostgresDomainRepository(pools: store)
        let notifier = PostgresEventNotifier(pools: store)
        let messageRepository = PostgresMessageRepository(pools: store, notifier: notifier)
        let (transport, transportDescription) = try mail.mailTransport(dataDirectory: database.dataDirectory)
        logger.info("deliveries: \(transportDescription)")
        let composer = MailComposer(vault: vault)
        let workers = (0..<max(0, mail.deliveryWorkers)).map { _ in
            DeliveryWorker(queue: PostgresDeliveryQueue(pools: store, notifier: notifier), composer: composer, transport: transport, options: mail.workerOptions)
        }
        let domainManagement = DomainManagement(
            domains: domainRepository, resolver: try mail.resolver(), vault: vault, settings: mail.hostSettings)
        let services: [any RPCService] = [
            KeyServiceHandlers(keys: KeyManagement(keys: keys)), OrganizationServiceHandlers(settings: organizations),
            EventStreamHandlers(hub: hub, log: eventLog),
            DomainServiceHandlers(domains: domainManagement),
            SendServiceHandlers(sending: Sending(domains: domainRepository, messages: messageRepository, messageIDHost: mail.host)),
            MessageServiceHandlers(messages: messageRepository),
        ]
        let built = Set(services.flatMap { $0.methods.map(\.path) })
        let unbuilt = RPCMethodList(methods: UnbuiltMethods.methods(in: descriptors, missingFrom: built))
        // Reflection lists the services actually built, and describes every file of the contract.
        let served = [
            "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection",
        ] + Set(built.map { String($0.dropFirst().prefix { $0 != "/" }) }).sorted()
        let server = RPCServer(
            configuration: configuration, loops: loops,
            services: [health, ReflectionService(pool: descriptors, serviceNames: served), unbuilt] + services,
            interceptors: [AccessInterceptor(authenticator: authenticator, limiter: limiter)],
            logger: logger)
        do {
            try server.start()
        } catch {
            await feed.close()
            await eventNotifications.close()
            await opened.close(logger: logger)
            throw error
        }
        // The pools run on the server's loops: the database is reachable from here on.
        if let organization = bootstrapped {
            do {
                if let own = try await domainManagement.registerOwnDomain(for: organization) {
                    logger.notice("registered the sending domain \(own.name) (this installation's own mail host, verified)")
                    FileHandle.standardOutput.write(Data("relay: you can send from any address @\(own.name) now.\n".utf8))
                }
            } catch {
                logger.error("registering the installation's own sending domain failed: \(error)")
            }
        }
        let backgroundLogger = logger
        let background = Task {
            await withDiscardingTaskGroup { group in
                group.addTask { await authenticator.follow(feed) }
                group.addTask {
                    // New events may mean new jobs: the workers look at once.
                    for await organization in eventNotifications.changes() {
                        hub.notify(organization)
                        for worker in workers { worker.wake() }
                    }
                }
                for worker in workers { group.addTask { await worker.run() } }
                // Automatic domain checks (claimed, so instances share them).
                let recheckPoll = Duration.milliseconds(Int64(min(30, max(1, mail.domainRecheckSeconds)) * 1000))
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: recheckPoll)
                        _ = await domainManagement.recheckDue()
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: .seconds(30))
                        await authenticator.flushUsage()
                    }
                }
                group.addTask {
                    while !Task.isCancelled {
                        do {
                            let purged = try await counters.purgeExpired()
                            if purged > 0 { backgroundLogger.info("purged \(purged) expired rate-limit counters") }
                        } catch {
                            backgroundLogger.warning("purging rate-limit counters failed: \(error)")
                        }
                        try? await Task.sleep(for: .seconds(3600))
                    }
                }
            }
        }
        logger.info("listening on \(address.host):\(server.port)\(configuration.tls == nil ? "" : " (TLS)")")

        await termination.wait()
        logger.info("shutting down: draining calls for up to \(shutdownGrace) s")
        health.markAllNotServing()
        // Live event streams end (status OK) so that they do not hold the drain.
        hub.stop()
        // The pools live on the server's loops: they close before the loops stop.
        await server.shutdown(grace: .seconds(shutdownGrace)) {
            await feed.close()
            await eventNotifications.close()
            background.cancel()
            await background.value
            await authenticator.flushUsage()
            await store.close()
        }
        await opened.close(logger: logger)
        logger.info("stopped")
    }

    /// On a database without any organization, creates the `default` one and its first
    /// FULL_ACCESS key, and prints the key's secret: the only time it is shown. Returns the
    /// organization it created.
    private func bootstrap(_ configuration: PostgresConfiguration, logger: Logger) async throws -> OrganizationID? {
        let made = try KeyManagement.bootstrapKey(organization: OrganizationID(UUID()), name: "bootstrap", scopes: [.fullAccess])
        let pool = PostgresPool(configuration: configuration)
        let created: APIKey?
        do {
            created = try await PostgresOrganizationRepository(pools: PostgresPoolGroup(pool)).bootstrapIfEmpty(name: "default", key: made.key)
        } catch {
            await pool.close()
            throw error
        }
        await pool.close()
        guard let key = created else { return nil }
        logger.notice("created the organization \"default\" and its first API key \(key.id) (FULL_ACCESS)")
        let notice = """
            relay: the database was empty, so it now holds the organization "default" and one FULL_ACCESS key.
            relay: its secret is shown only now; send it as "authorization: Bearer <secret>":
            \(made.secret)

            """
        FileHandle.standardOutput.write(Data(notice.utf8))
        return key.organizationID
    }
}

/// The four default limits given on the command line: `second=N,minute=N,hour=N,day=N` (any
/// subset), or `none`.
enum RateLimitsOption {
    static let defaultKey = "second=100,minute=3000,hour=100000,day=1000000"
    static let defaultOrganization = "second=200,minute=6000,hour=200000,day=2000000"

    static func parse(_ text: String, option: String) throws -> RelayDomain.RateLimits {
        var limits = RelayDomain.RateLimits()
        if text == "none" { return limits }
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, let window = RateWindow.allCases.first(where: { $0.name == pair[0] }), let limit = Int64(pair[1]), limit >= 1 else {
                throw ValidationError("\(option): \"\(part)\" is not WINDOW=N (windows second, minute, hour, day; N >= 1), nor is the whole \"none\"")
            }
            limits[window] = limit
        }
        return limits
    }
}

/// Methods registered as one service.
struct RPCMethodList: RPCService {
    let methods: [RPCMethod]
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
