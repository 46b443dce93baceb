import Glibc
import Logging
import RelayBenchEchoService
import RelayRPC

// relay-bench-echo PORT: serves ../shared/anchors/echo.proto's bench.Echo with Relay's runtime and
// hand-written codecs, for bench/rpc (the same harness as the anchors: grpc-swift-2, grpcio, nghttpd).

let port = CommandLine.arguments.dropFirst().first.flatMap(UInt16.init) ?? 50060
var logger = Logger(label: "relay.bench-echo")
logger.logLevel = .warning
var configuration = RPCServerConfiguration()
configuration.host = "127.0.0.1"
configuration.port = port
let server = try RPCServer(configuration: configuration, services: [EchoService()], logger: logger)
try server.start()
print("listening on 127.0.0.1:\(server.port)")
fflush(nil)
while true { try await Task.sleep(for: .seconds(3600)) }
