import Glibc
import Logging
import RelayBenchEchoService
import RelayCore
import RelayDomain
import RelayPostgres
import RelayRPC
import RelayServer
import RelayStore

// relay-bench-auth PORT [--auth DATABASE_URL]: bench.Echo (as relay-bench-echo) for bench/auth.
// With --auth every call goes through relay serve's access interceptor: the bearer key checked
// through the credential cache (against the database on a miss), its scope, and the four windows
// of the key and of its organization counted through leases from the database's shared counters.
// The database is migrated, an organization and a FULL_ACCESS key are made, and the key's secret
// is printed (`secret rly_live_…`) before `listening on`. Without --auth: no interceptor, the same
// binary, for the comparison.

let arguments = Array(CommandLine.arguments.dropFirst())
let port = arguments.first.flatMap(UInt16.init) ?? 50060
let authDatabase = arguments.firstIndex(of: "--auth").flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
var logger = Logger(label: "relay.bench-echo")
logger.logLevel = .warning
var configuration = RPCServerConfiguration()
configuration.host = "127.0.0.1"
configuration.port = port
let loops = try RPCServer.makeLoops(configuration)
var interceptors: [any ServerInterceptor] = []
if let authDatabase {
    let database = PostgresConfiguration(connectionString: authDatabase)
    _ = try await RelaySchema.migrator().migrate(database)
    let setup = PostgresPool(configuration: database)
    let organization = try await PostgresOrganizationRepository(pool: setup).create(name: "bench")
    let made = try KeyManagement.bootstrapKey(organization: organization, name: "bench", scopes: [.fullAccess])
    _ = try await PostgresKeyRepository(pool: setup).create(made.key, audit: AuditContext(actor: nil, requestID: ""))
    await setup.close()
    // Limits never reached but counted: every call takes from all eight windows.
    let huge = RateLimits(perSecond: 100_000_000, perMinute: 1_000_000_000, perHour: 10_000_000_000, perDay: 100_000_000_000)
    var options = Authenticator.Options()
    options.defaultKeyLimits = huge
    options.defaultOrganizationLimits = huge
    let pools = PostgresPoolGroup(configuration: database, loops: loops)
    interceptors = [
        AccessInterceptor(
            authenticator: Authenticator(keys: PostgresKeyRepository(pools: pools), options: options),
            limiter: RateLimiter(counters: PostgresRateLimitCounters(pools: pools)))
    ]
    print("secret \(made.secret)")
}
let server = RPCServer(configuration: configuration, loops: loops, services: [EchoService()], interceptors: interceptors, logger: logger)
try server.start()
print("listening on 127.0.0.1:\(server.port)")
fflush(nil)
while true { try await Task.sleep(for: .seconds(3600)) }
