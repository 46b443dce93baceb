import ArgumentParser
import Foundation
import ProtoWire
import RelayAPI
import RelayRPC

/// Where a client command connects and with which key.
struct ClientOptions: ParsableArguments {
    @Option(help: "The Relay server, HOST:PORT. Also RELAY_SERVER; default 127.0.0.1:50051.")
    var server: String?

    @Option(help: "The API key (rly_live_…). Also RELAY_API_KEY.")
    var key: String?

    func connect() async throws -> (RPCClient, Metadata) {
        let environment = ProcessInfo.processInfo.environment
        let address = try ListenAddress(server ?? environment["RELAY_SERVER"] ?? "127.0.0.1:50051")
        guard let key = key ?? environment["RELAY_API_KEY"], !key.isEmpty else {
            throw ValidationError("an API key is needed: --key or RELAY_API_KEY (relay serve prints the first one)")
        }
        var metadata = Metadata()
        metadata.add("authorization", "Bearer \(key)")
        return (try await RPCClient.connect(host: address.host, port: address.port), metadata)
    }
}

/// `relay send`: sends one message through SendService and prints its id and recipients.
struct Send: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Send an email through a running Relay (SendService.SendEmail).")

    @OptionGroup var client: ClientOptions

    @Option(help: "The sender, such as hello@relay.localhost (its domain must be verified).")
    var from: String

    @Option(help: "A recipient; repeat for several.")
    var to: [String]

    @Option(help: "The subject.")
    var subject: String

    @Option(help: "The plain-text body.")
    var text: String?

    @Option(help: "The HTML body.")
    var html: String?

    @Option(help: "A tag; repeat for several.")
    var tag: [String] = []

    @Option(name: .customLong("idempotency-key"), help: "Makes a retry of this command safe.")
    var idempotencyKey: String?

    func run() async throws {
        var request = SendEmailRequest()
        var sender = RelayAPI.EmailAddress()
        sender.address = from
        request.from = sender
        request.to = to.map { address in
            var recipient = RelayAPI.EmailAddress()
            recipient.address = address
            return recipient
        }
        request.subject = subject
        var content = EmailContent()
        content.textBody = text ?? ""
        content.htmlBody = html ?? ""
        request.body = .content(content)
        request.tags = tag
        request.idempotencyKey = idempotencyKey ?? ""
        let (connection, metadata) = try await client.connect()
        defer { Task { await connection.close() } }
        do {
            let response = try await connection.unary(
                "/relay.v1.SendService/SendEmail", request, as: SendEmailResponse.self, metadata: metadata, timeout: .seconds(30))
            print("\(response.messageID) \(response.status)\(response.idempotentReplay ? " (replayed)" : "")")
            for recipient in response.recipients {
                print("  \(recipient.address): \(recipient.accepted ? "queued" : "skipped (\(recipient.reason))")")
            }
        } catch {
            throw CommandFailure(error)
        }
    }
}

/// `relay events tail`: prints the organization's delivery events as they happen.
struct Events: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Watch delivery events.", subcommands: [Tail.self])

    /// Streams AnalyticsService.StreamEvents, one line per event.
    struct Tail: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print delivery events live (AnalyticsService.StreamEvents), one line each.")

        @OptionGroup var client: ClientOptions

        @Option(help: "Resume after this cursor (printed with each event).")
        var cursor: String?

        @Option(help: "Replay the events of the last N seconds first.")
        var since: Int?

        @Option(help: "Only this message (msg_…).")
        var message: String?

        func run() async throws {
            var request = StreamEventsRequest()
            request.resumeCursor = cursor ?? ""
            request.messageID = message ?? ""
            if let since {
                request.startTime = Timestamp(seconds: Int64(Date().timeIntervalSince1970) - Int64(since), nanos: 0)
            }
            let (connection, metadata) = try await client.connect()
            defer { Task { await connection.close() } }
            do {
                let stream = try await connection.serverStreaming(
                    "/relay.v1.AnalyticsService/StreamEvents", request, as: StreamEventsResponse.self, metadata: metadata)
                for try await item in stream {
                    switch item.payload {
                    case .event(let event)?:
                        let time = Date(timeIntervalSince1970: Double(event.occurTime?.seconds ?? 0))
                        let recipient = event.recipient.isEmpty ? "" : " \(event.recipient)"
                        let detail = event.detail.isEmpty ? "" : " \(event.detail)"
                        print("\(time.ISO8601Format()) \(event.type) \(event.messageID)\(recipient)\(detail) [\(event.cursor)]")
                    case .lagged(let lagged)?:
                        print("lagged: \(lagged.detail); resume with --cursor \(lagged.lastCursor)")
                    case .heartbeat?, nil:
                        continue
                    }
                    fflush(nil)
                }
            } catch {
                throw CommandFailure(error)
            }
        }
    }
}

/// A failed call, printed as the status the server gave.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ error: any Error) {
        if let error = error as? RPCError {
            description = "\(error.code): \(error.message)"
        } else {
            description = "\(error)"
        }
    }
}
