internal import RelayDomain
internal import RelayPostgres

/// The one place where storage failures become `DomainError`s. The server's message text may
/// quote row data, so only ``PostgresError/description`` (redacted) is ever passed on.
enum StoreErrors {
    /// Maps what a repository operation (`operation`, such as "updating an API key") threw.
    static func map(_ error: any Error, _ operation: String) -> DomainError {
        switch error {
        case let error as DomainError:
            return error
        case let error as PostgresTransactionError:
            return map(error.bodyError, operation)
        case let error as PostgresError:
            return map(error, operation)
        default:
            return .internalError("\(operation) failed: \(type(of: error))")
        }
    }

    static func map(_ error: PostgresError, _ operation: String) -> DomainError {
        if error.isRetryable {
            return .unavailable("the database is unavailable (\(operation)): \(error)")
        }
        switch error.kind {
        case .connectionFailed, .connectionLost, .poolTimeout, .closed:
            return .unavailable("the database is unavailable (\(operation)): \(error)")
        case .server:
            if error.hasSQLState(.checkViolation) {
                let field = field(of: error)
                return .invalidArgument(field: field, reason: "\(field) is out of range (constraint \(error.constraint ?? "?"))")
            }
            if error.hasSQLState(.stringDataRightTruncation) || error.hasSQLState(.numericValueOutOfRange) {
                let field = error.column ?? "value"
                return .invalidArgument(field: field, reason: "\(field) is too long or out of range")
            }
            if error.hasSQLState(.uniqueViolation) {
                return .alreadyExists("\(operation): a unique value exists already (constraint \(error.constraint ?? "?"))")
            }
            return .internalError("\(operation) failed: \(error)")
        case .decoding, .invalidRequest:
            return .internalError("\(operation) failed: \(error)")
        }
    }

    /// The column a CHECK constraint guards, from its default name `table_column_check`.
    static func field(of error: PostgresError) -> String {
        if let column = error.column { return column }
        guard var name = error.constraint else { return "value" }
        if let table = error.table, name.hasPrefix(table + "_") { name.removeFirst(table.count + 1) }
        if name.hasSuffix("_check") { name.removeLast("_check".count) }
        return name.isEmpty ? "value" : name
    }
}

/// Runs a repository operation, mapping whatever it throws through ``StoreErrors/map(_:_:)``.
func storeOperation<T>(_ operation: String, _ body: () async throws -> T) async throws(DomainError) -> T {
    do {
        return try await body()
    } catch {
        throw StoreErrors.map(error, operation)
    }
}
