/// When ``SMTPTransport`` upgrades a plain `smtp://` connection with STARTTLS.
public enum StartTLSPolicy: Sendable, Hashable {
    /// STARTTLS or no delivery (a server without it defers every message).
    case required
    /// STARTTLS when the server offers it, plain text otherwise.
    case opportunistic
    /// Never (plain text, or `smtps://` where TLS starts at once).
    case none
}

/// How the server's certificate is checked.
public enum TLSVerification: Sendable, Hashable {
    /// Against the system's trusted certificates, with the host name.
    case system
    /// Against the certificates of a PEM file, with the host name.
    case caFile(String)
    /// Not at all: for tests against a self-signed server only.
    case insecureNoVerification
}

/// The SASL mechanism of `AUTH`.
public enum SMTPAuthMechanism: Sendable, Hashable {
    /// The strongest the server offers that libcurl knows.
    case automatic
    /// `AUTH PLAIN`.
    case plain
    /// `AUTH LOGIN`.
    case login
}

/// A user name and password for the relay's `AUTH`.
public struct SMTPCredentials: Sendable, Hashable {
    /// The user name.
    public var username: String
    /// The password.
    public var password: String
    /// The mechanism.
    public var mechanism: SMTPAuthMechanism

    /// Credentials.
    public init(username: String, password: String, mechanism: SMTPAuthMechanism = .automatic) {
        self.username = username
        self.password = password
        self.mechanism = mechanism
    }
}

/// Where and how ``SMTPTransport`` relays.
public struct SMTPTransportConfiguration: Sendable, Hashable {
    /// `smtp://host:port` (STARTTLS per ``startTLS``) or `smtps://host:port` (TLS at once); a
    /// path names the EHLO host (`smtp://relay.example.net:587/mta1.example.com`).
    public var url: String
    /// STARTTLS on `smtp://`.
    public var startTLS: StartTLSPolicy
    /// `AUTH`, if the relay needs it.
    public var credentials: SMTPCredentials?
    /// How the server's certificate is checked.
    public var tlsVerification: TLSVerification
    /// How long a connection (TCP, TLS, greeting, EHLO, AUTH) may take.
    public var connectTimeout: Duration
    /// How long one message may take, connection included.
    public var messageTimeout: Duration
    /// How many connections (worker threads) deliver at once.
    public var poolSize: Int
    /// An idle connection older than this is not reused but reopened.
    public var maxIdle: Duration

    /// A configuration.
    public init(
        url: String, startTLS: StartTLSPolicy = .required, credentials: SMTPCredentials? = nil,
        tlsVerification: TLSVerification = .system, connectTimeout: Duration = .seconds(10),
        messageTimeout: Duration = .seconds(60), poolSize: Int = 2, maxIdle: Duration = .seconds(60)
    ) {
        self.url = url
        self.startTLS = startTLS
        self.credentials = credentials
        self.tlsVerification = tlsVerification
        self.connectTimeout = connectTimeout
        self.messageTimeout = messageTimeout
        self.poolSize = poolSize
        self.maxIdle = maxIdle
    }
}

extension Duration {
    var milliseconds: Int {
        Int(clamping: components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000)
    }
}
