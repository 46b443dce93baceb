import ArgumentParser
import RelayAPI
import RelayRPC

/// The `relay` command: runs the service and administers it.
@main
struct Relay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The One Relay: transactional email for MSPs, over gRPC.",
        subcommands: [Serve.self, Migrate.self, Keys.self, Send.self, Events.self, DB.self, Describe.self])
}
