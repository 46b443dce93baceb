import ArgumentParser
import RelayAPI
import RelayRPC

/// `relay describe`: prints the API contract (services and RPCs) compiled into this binary.
struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the gRPC services and methods of the API contract built into this binary.")

    @Flag(help: "Also list the files of the descriptor set.")
    var files = false

    func run() throws {
        let pool = try RelayDescriptors.pool()
        if files {
            for file in pool.files { print("file \(file.name)") }
        }
        for line in Self.lines(for: pool) { print(line) }
    }

    /// One line per service and one per method, such as
    /// `  rpc SendEmail(relay.v1.SendEmailRequest) returns (relay.v1.SendEmailResponse)`.
    static func lines(for pool: DescriptorPool) -> [String] {
        var out: [String] = []
        for service in pool.services {
            out.append("service \(service.fullName)  (\(service.fileName))")
            for m in service.methods {
                let input = (m.clientStreaming ? "stream " : "") + m.inputType
                let output = (m.serverStreaming ? "stream " : "") + m.outputType
                out.append("  rpc \(m.name)(\(input)) returns (\(output))")
            }
        }
        return out
    }
}
