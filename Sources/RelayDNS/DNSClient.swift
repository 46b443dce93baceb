public import RelayDomain

/// Where and how ``DNSClient`` asks: the servers, the time-out of one try and the number of tries.
public struct DNSClientConfiguration: Sendable, Equatable {
    /// The servers as `host:port` (`127.0.0.1:5353`, `[::1]:53`); empty means those of
    /// `/etc/resolv.conf` (c-ares's default).
    public var servers: [String]
    /// How long one try waits for an answer (c-ares doubles it on each further round).
    public var timeout: Duration
    /// How many times a query is sent to each server before it fails.
    public var tries: Int

    /// A configuration; no servers means the system's.
    public init(servers: [String] = [], timeout: Duration = .seconds(2), tries: Int = 2) {
        self.servers = servers
        self.timeout = timeout
        self.tries = tries
    }
}

/// A ``DNSResolver`` on c-ares: one channel driven by a dedicated thread (poll on the channel's
/// sockets), so lookups never block a loop or Swift's cooperative pool. Time-outs, SERVFAIL,
/// REFUSED and refused connections are ``DomainError/unavailable(_:)`` with the reason.
public final class DNSClient: DNSResolver {
    private let resolver: ResolverThread
    /// The configuration the client was made with.
    public let configuration: DNSClientConfiguration

    /// A client asking `configuration.servers` (or the system's); throws when c-ares cannot be
    /// set up (a malformed server address, no resolv.conf).
    public init(_ configuration: DNSClientConfiguration) throws(DomainError) {
        self.configuration = configuration
        self.resolver = try ResolverThread(configuration)
    }

    /// A client asking one server, such as a test's DNS server on `127.0.0.1`.
    public convenience init(host: String, port: Int, timeout: Duration = .seconds(2), tries: Int = 2) throws(DomainError) {
        let address = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        try self.init(DNSClientConfiguration(servers: [address], timeout: timeout, tries: tries))
    }

    /// A client asking the servers of `/etc/resolv.conf`.
    public static func system(timeout: Duration = .seconds(5), tries: Int = 2) throws(DomainError) -> DNSClient {
        try DNSClient(DNSClientConfiguration(servers: [], timeout: timeout, tries: tries))
    }

    deinit { resolver.stop() }

    public func lookUp(_ name: String, _ type: DNSRecordType) async throws(DomainError) -> DNSAnswer {
        let name = DNSName.withoutTrailingDot(name)
        guard DNSName.isWellFormed(name) else {
            throw .invalidArgument(field: "name", reason: "'\(name)' is not a valid DNS name")
        }
        let result = await withCheckedContinuation { continuation in
            resolver.submit(LookupRequest(name: name, type: type, continuation: continuation))
        }
        return try result.get()
    }
}

/// The request a lookup hands to the resolver thread.
struct LookupRequest: Sendable {
    let name: String
    let type: DNSRecordType
    let continuation: CheckedContinuation<Result<DNSAnswer, DomainError>, Never>
}

/// Small rules on DNS names as text.
enum DNSName {
    static func withoutTrailingDot(_ name: String) -> String {
        name.hasSuffix(".") ? String(name.dropLast()) : name
    }

    /// At most 253 characters, labels of 1 to 63 bytes, no spaces or control characters.
    static func isWellFormed(_ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.count <= 253 else { return false }
        for label in name.split(separator: ".", omittingEmptySubsequences: false) {
            guard (1...63).contains(label.utf8.count) else { return false }
            guard label.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else { return false }
        }
        return true
    }
}

extension DNSRecordType {
    /// The record type's number on the wire.
    var code: Int32 {
        switch self {
        case .a: 1
        case .cname: 5
        case .mx: 15
        case .txt: 16
        }
    }

    var label: String {
        switch self {
        case .a: "A"
        case .cname: "CNAME"
        case .mx: "MX"
        case .txt: "TXT"
        }
    }
}
