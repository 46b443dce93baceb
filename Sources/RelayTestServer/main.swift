import Foundation
import Glibc
import Logging
import RelayAPI
import RelayHTTP2
import RelayRPC
import RelayTestSupport
import RelayTLS

// relay-test-server [PORT]: the test service, health and reflection over h2c, for the interop
// tests (Tests/interop/test_rpc_*.py). Prints "listening on HOST:PORT" once it accepts.

let port = CommandLine.arguments.dropFirst().first.flatMap(UInt16.init) ?? 0
var logger = Logger(label: "relay.test-server")
logger.logLevel = .warning
var configuration = RPCServerConfiguration()
configuration.port = port
configuration.loopCount = 2
if let cert = ProcessInfo.processInfo.environment["RELAY_TLS_CERT"],
    let key = ProcessInfo.processInfo.environment["RELAY_TLS_KEY"]
{
    configuration.tls = try TLSServerContext(certificateChainPath: cert, privateKeyPath: key)
}
if let ms = ProcessInfo.processInfo.environment["RELAY_KEEPALIVE_MS"].flatMap(Int.init) {
    configuration.http2.keepaliveInterval = .milliseconds(ms)
}
let health = HealthService()
let pool = try RelayDescriptors.pool()
let names = ["relay.test.TestService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"]
let server = try RPCServer(
    configuration: configuration, services: [TestService(), health, ReflectionService(pool: pool, serviceNames: names)],
    logger: logger)
try server.start()
print("listening on 127.0.0.1:\(server.port)")
fflush(nil)
health.setStatus(.serving, for: "relay.test.TestService")
while true { try await Task.sleep(for: .seconds(3600)) }
