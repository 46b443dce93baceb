/// Why a database operation failed. The server's message text can quote the data of a row, so
/// ``description`` leaves it out (it gives the SQLSTATE, its class and the object names);
/// ``unredactedMessage`` is there for a developer who asks for it explicitly.
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// The kinds of failure.
    public enum Kind: Sendable, Equatable {
        /// No connection could be made (server down, wrong socket, authentication refused).
        case connectionFailed
        /// The connection broke while the operation was in flight or queued; it may or may not
        /// have been applied if it was a lone statement, never half-applied if it was a transaction.
        case connectionLost
        /// The server refused the statement; ``PostgresError/sqlState`` says why.
        case server
        /// A value in a result could not be decoded into the Swift type asked for.
        case decoding
        /// No connection of the pool became free in time.
        case poolTimeout
        /// The pool or connection was closed.
        case closed
        /// A request the wrapper refuses before sending it (too many binds, an empty script).
        case invalidRequest
    }

    /// What kind of failure this is.
    public let kind: Kind
    /// The five-character SQLSTATE code of a server error, such as `23505`.
    public let sqlState: String?
    /// The severity the server gave (`ERROR`, `FATAL`, `PANIC`).
    public let severity: String?
    /// The constraint a server error names, such as `api_keys_pkey`.
    public let constraint: String?
    /// The table a server error names.
    public let table: String?
    /// For a server error, the column it names; for a decoding error, the result column.
    public let column: String?
    /// The full text: the server's message, detail and hint, or the decoding or connection
    /// failure. It may contain data from the database: do not log it by default.
    public let unredactedMessage: String

    init(
        _ kind: Kind, _ message: String, sqlState: String? = nil, severity: String? = nil, constraint: String? = nil,
        table: String? = nil, column: String? = nil
    ) {
        self.kind = kind
        self.unredactedMessage = message
        self.sqlState = sqlState
        self.severity = severity
        self.constraint = constraint
        self.table = table
        self.column = column
    }

    /// Whether running the same operation again may succeed: a lost or refused connection, an
    /// exhausted pool, a serialization failure or deadlock, or a server shutting down.
    public var isRetryable: Bool {
        switch kind {
        case .connectionFailed, .connectionLost, .poolTimeout: return true
        case .server:
            guard let sqlState else { return false }
            return sqlState == "40001" || sqlState == "40P01" || sqlState.hasPrefix("08") || sqlState == "57P01"
                || sqlState == "57P02" || sqlState == "57P03"
        case .decoding, .closed, .invalidRequest: return false
        }
    }

    /// Whether this is a server error with the given SQLSTATE.
    public func hasSQLState(_ code: SQLState) -> Bool { sqlState == code.rawValue }

    public var description: String {
        switch kind {
        case .server:
            var text = "PostgreSQL error \(sqlState ?? "?????")"
            if let name = sqlState.flatMap(SQLState.init(rawValue:)) { text += " (\(name))" }
            if let table { text += " on table \(table)" }
            if let constraint { text += ", constraint \(constraint)" }
            if let column { text += ", column \(column)" }
            return text + "; message redacted"
        case .decoding:
            return "cannot decode column \(column ?? "?"): \(unredactedMessage)"
        case .connectionFailed, .connectionLost, .poolTimeout, .closed, .invalidRequest:
            return unredactedMessage
        }
    }
}

/// SQLSTATE codes Relay reacts to.
public enum SQLState: String, Sendable {
    case uniqueViolation = "23505"
    case foreignKeyViolation = "23503"
    case notNullViolation = "23502"
    case checkViolation = "23514"
    case exclusionViolation = "23P01"
    case serializationFailure = "40001"
    case deadlockDetected = "40P01"
    case syntaxError = "42601"
    case undefinedTable = "42P01"
    case undefinedColumn = "42703"
    case invalidTextRepresentation = "22P02"
    case characterNotInRepertoire = "22021"
    case untranslatableCharacter = "22P05"
    case numericValueOutOfRange = "22003"
    case stringDataRightTruncation = "22001"
    case queryCanceled = "57014"
    case adminShutdown = "57P01"
    case featureNotSupported = "0A000"
    case invalidSQLStatementName = "26000"
    case inFailedTransaction = "25P02"
    case raiseException = "P0001"
}

/// Thrown by ``PostgresPool/withTransaction(_:)`` when the body failed and the rollback failed
/// too, so that neither error is lost. When the rollback succeeds the body's error is thrown as is.
public struct PostgresTransactionError: Error, CustomStringConvertible {
    /// What the body threw.
    public let bodyError: any Error
    /// Why the rollback failed (the connection is then discarded, which ends the transaction).
    public let rollbackError: PostgresError

    public var description: String { "\(bodyError) (and the rollback failed: \(rollbackError))" }
}
