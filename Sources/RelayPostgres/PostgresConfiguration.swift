internal import Foundation

/// Where a PostgreSQL server is and how to talk to it.
public struct PostgresConfiguration: Sendable, CustomStringConvertible {
    /// A libpq connection string: `key=value` pairs (`host=/run/relay port=5432 dbname=relay`) or
    /// a `postgresql://` URL. It may hold a password, so it is never printed.
    public var connectionString: String
    /// A database name that overrides the one in ``connectionString``, if any.
    public var database: String?
    /// The `application_name` the server shows in `pg_stat_activity`.
    public var applicationName = "relay"
    /// How long establishing a connection may take.
    public var connectTimeout: Duration = .seconds(10)
    /// How many distinct statements a connection keeps prepared (beyond that, statements are
    /// parsed on each use).
    public var statementCacheSize = 256

    /// A server reached through `connectionString`.
    public init(connectionString: String) {
        self.connectionString = connectionString
    }

    /// The same server, another database.
    public func withDatabase(_ name: String) -> PostgresConfiguration {
        var copy = self
        copy.database = name
        return copy
    }

    /// The connection string with any password removed (and the database override, if any).
    public var description: String {
        Self.redacting(connectionString) + (database.map { " (database \($0))" } ?? "")
    }

    /// Removes `password=…` values and the password of a URL's user info.
    static func redacting(_ text: String) -> String {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            guard let schemeEnd = text.range(of: "://"), let at = text[schemeEnd.upperBound...].firstIndex(of: "@") else { return text }
            let userInfo = text[schemeEnd.upperBound..<at]
            guard let colon = userInfo.firstIndex(of: ":") else { return text }
            return String(text[..<colon]) + ":***" + String(text[at...])
        }
        return text.split(separator: " ").map { $0.hasPrefix("password=") ? "password=***" : String($0) }.joined(separator: " ")
    }
}

/// A notification delivered to a connection that ran `LISTEN`.
public struct PostgresNotification: Sendable, Hashable {
    /// The channel it was sent on.
    public let channel: String
    /// The payload (empty when none was given).
    public let payload: String
    /// The process id of the server backend that sent it.
    public let senderPID: Int32

    /// A notification as received.
    public init(channel: String, payload: String, senderPID: Int32) {
        self.channel = channel
        self.payload = payload
        self.senderPID = senderPID
    }
}
