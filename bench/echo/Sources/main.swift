import Glibc
import Logging
import ProtoWire
import RelayCore
import RelayDomain
import RelayPostgres
import RelayRPC
import RelayServer
import RelayStore

// relay-bench-echo PORT [--auth DATABASE_URL]: serves ../shared/anchors/echo.proto's bench.Echo with
// Relay's runtime and hand-written codecs, for bench/rpc (the same harness as the anchors:
// grpc-swift-2, grpcio, nghttpd). With --auth, every call goes through relay serve's interceptors
// (a bearer key checked against the database through the credential cache, then the four-window
// rate limits of the key and its organization, counted in the database's shared counters), for
// bench/auth: the database is migrated, an organization and a FULL_ACCESS key are made, and the
// key's secret is printed (`secret rly_live_…`) before `listening on`.

/// `bench.Msg`: `bytes payload = 1;`
struct Msg: ProtoMessage {
    static let protoMessageName = "bench.Msg"
    var payload: [UInt8] = []
    var unknownFields = UnknownFields()

    init() {}

    @inlinable
    func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.bytes(1, payload)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.bytes(tag, into: &payload)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `bench.Echo`: Unary echoes the request; Stream sends it back `n` times (request metadata `n`).
struct EchoService: RPCService {
    var methods: [RPCMethod] {
        [
            .unary("bench.Echo", "Unary", Msg.self, Msg.self) { request, _ in request },
            .serverStreaming("bench.Echo", "Stream", Msg.self, Msg.self) { request, writer, context in
                let n = context.metadata.first("n").flatMap(Int.init) ?? 200_000
                for _ in 0..<n { try await writer.write(request) }
            },
        ]
    }
}

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
