import ArgumentParser
import Foundation
import RelayCore
import RelayCrypto
import RelayDNS
import RelayDomain
import RelaySMTP

/// `relay serve`'s mail options: where DNS checks go, how mail leaves, how deliveries retry.
struct MailOptions: ParsableArguments {
    @Option(name: .customLong("mail-host"), help: "This installation's mail host name: SPF includes spf.HOST, return paths point at bounces.HOST, Message-IDs end in @HOST. Also RELAY_MAIL_HOST; default relay.localhost.")
    var mailHost: String?

    @Option(name: .customLong("dns-server"), help: "DNS server for domain verification, HOST:PORT. Also RELAY_DNS_SERVER; default the system resolver (/etc/resolv.conf).")
    var dnsServer: String?

    @Option(help: "Where messages go: outbox (.eml files in DATA_DIR/outbox) or smtp (--smtp-url). Also RELAY_TRANSPORT; default outbox.")
    var transport: String?

    @Option(name: .customLong("smtp-url"), help: "SMTP relay, smtp://HOST:PORT or smtps://HOST:PORT. Also RELAY_SMTP_URL.")
    var smtpURL: String?

    @Option(name: .customLong("smtp-starttls"), help: "STARTTLS with smtp://: required, opportunistic or none. Also RELAY_SMTP_STARTTLS; default required.")
    var smtpStartTLS: String?

    @Option(name: .customLong("smtp-user"), help: "SMTP AUTH user name. Also RELAY_SMTP_USER (and RELAY_SMTP_PASSWORD for the password).")
    var smtpUser: String?

    @Option(name: .customLong("smtp-ca-file"), help: "PEM CA bundle trusted for the SMTP relay's certificate. Also RELAY_SMTP_CA_FILE.")
    var smtpCAFile: String?

    @Flag(name: .customLong("smtp-insecure"), help: "Do not verify the SMTP relay's certificate (tests only).")
    var smtpInsecure = false

    @Option(name: .customLong("delivery-workers"), help: "Delivery workers in this process (each delivers up to 32 messages at once). Default 2.")
    var deliveryWorkers: Int = 2

    @Option(name: .customLong("retry-first-seconds"), help: "Delay before the first retry of a deferred recipient; it doubles up to --retry-max-seconds. Default 60.")
    var retryFirstSeconds: Double = 60

    @Option(name: .customLong("retry-max-seconds"), help: "Longest delay between retries. Default 3600.")
    var retryMaxSeconds: Double = 3600

    @Option(name: .customLong("max-attempts"), help: "Delivery attempts per recipient before it fails. Default 8.")
    var maxAttempts: Int = 8

    @Option(name: .customLong("domain-recheck-seconds"), help: "How often a domain not verified yet is checked on its own (for 72 hours after its creation). Default 600.")
    var domainRecheckSeconds: Double = 600

    @Option(name: .customLong("delivery-lease-seconds"), help: "How long a claimed delivery is leased: a worker that dies leaves its jobs to others after this. Default 120.")
    var deliveryLeaseSeconds: Double = 120

    private var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// The mail host in force.
    var host: String { mailHost ?? environment["RELAY_MAIL_HOST"] ?? "relay.localhost" }

    /// What domains publish and how often unverified ones are checked.
    var hostSettings: MailHostSettings {
        var settings = MailHostSettings(host: host)
        settings.recheckInterval = max(1, domainRecheckSeconds)
        return settings
    }

    /// The resolver for domain checks.
    func resolver() throws -> any DNSResolver {
        guard let server = dnsServer ?? environment["RELAY_DNS_SERVER"] else { return try DNSClient.system() }
        guard let colon = server.lastIndex(of: ":"), let port = UInt16(server[server.index(after: colon)...]) else {
            throw ValidationError("--dns-server: \"\(server)\" is not HOST:PORT")
        }
        return try DNSClient(host: String(server[..<colon]), port: Int(port))
    }

    /// The transport in force; `outbox` is the data directory's outbox.
    func mailTransport(dataDirectory: String) throws -> (transport: any MailTransport, description: String) {
        let kind = transport ?? environment["RELAY_TRANSPORT"] ?? "outbox"
        switch kind {
        case "outbox":
            let directory = URL(fileURLWithPath: dataDirectory).appendingPathComponent("outbox")
            return (try OutboxTransport(directory: directory), "outbox \(directory.path)")
        case "smtp":
            guard let url = smtpURL ?? environment["RELAY_SMTP_URL"] else { throw ValidationError("--transport smtp needs --smtp-url") }
            var configuration = SMTPTransportConfiguration(url: url)
            switch smtpStartTLS ?? environment["RELAY_SMTP_STARTTLS"] ?? "required" {
            case "required": configuration.startTLS = .required
            case "opportunistic": configuration.startTLS = .opportunistic
            case "none": configuration.startTLS = .none
            case let other: throw ValidationError("--smtp-starttls: \"\(other)\" is not required, opportunistic or none")
            }
            if let user = smtpUser ?? environment["RELAY_SMTP_USER"] {
                configuration.credentials = SMTPCredentials(username: user, password: environment["RELAY_SMTP_PASSWORD"] ?? "")
            }
            if smtpInsecure {
                configuration.tlsVerification = .insecureNoVerification
            } else if let ca = smtpCAFile ?? environment["RELAY_SMTP_CA_FILE"] {
                configuration.tlsVerification = .caFile(ca)
            }
            configuration.poolSize = 8
            return (SMTPTransport(configuration), "smtp \(url)")
        default:
            throw ValidationError("--transport: \"\(kind)\" is not outbox or smtp")
        }
    }

    /// The delivery workers' options.
    var workerOptions: DeliveryWorker.Options {
        var options = DeliveryWorker.Options()
        options.firstBackoff = .milliseconds(Int64(retryFirstSeconds * 1000))
        options.maxBackoff = .milliseconds(Int64(retryMaxSeconds * 1000))
        options.maxAttempts = max(1, maxAttempts)
        options.lease = .milliseconds(Int64(max(1, deliveryLeaseSeconds) * 1000))
        return options
    }

    /// The DKIM key-encryption key: `RELAY_DKIM_KEK` (base64 of 32 bytes), else
    /// `DATA_DIR/dkim-kek` (made on first use, readable by its owner only).
    static func keyEncryptionKey(dataDirectory: String) throws -> [UInt8] {
        if let given = ProcessInfo.processInfo.environment["RELAY_DKIM_KEK"] {
            guard let data = Data(base64Encoded: given), data.count == 32 else {
                throw ValidationError("RELAY_DKIM_KEK must be the base64 of 32 bytes")
            }
            return Array(data)
        }
        let file = URL(fileURLWithPath: dataDirectory).appendingPathComponent("dkim-kek")
        if let existing = try? Data(contentsOf: file) {
            guard existing.count == 32 else { throw ValidationError("\(file.path) must hold 32 bytes (it holds \(existing.count))") }
            return Array(existing)
        }
        try FileManager.default.createDirectory(atPath: dataDirectory, withIntermediateDirectories: true)
        let key = SecretBox.randomKey()
        guard FileManager.default.createFile(atPath: file.path, contents: Data(key), attributes: [.posixPermissions: 0o600]) else {
            throw ValidationError("cannot write the DKIM key-encryption key to \(file.path)")
        }
        return key
    }
}
