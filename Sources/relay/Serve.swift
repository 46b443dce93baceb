import ArgumentParser
import RelayAPI
import RelayRPC

/// `relay serve`: runs the service.
///
/// The gRPC transport (issue #3) and the embedded PostgreSQL cluster (issue #4) are not built
/// yet; until they are, `serve` loads and checks the API contract it will serve, reports it,
/// and exits without listening.
struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the Relay service.")

    @Option(help: "Address to listen on (HOST:PORT). Also RELAY_LISTEN.")
    var listen: String = "127.0.0.1:50051"

    @Option(name: .customLong("data-dir"), help: "Data directory. Also RELAY_DATA_DIR.")
    var dataDir: String = "./.relay"

    func run() throws {
        let pool = try RelayDescriptors.pool()
        let methods = pool.services.reduce(0) { $0 + $1.methods.count }
        print("relay: API contract loaded: \(pool.services.count) services, \(methods) methods, \(pool.files.count) files")
        print("relay: the gRPC transport is not built yet (issue #3); not listening on \(listen)")
        throw ExitCode(3)
    }
}
