internal import CLibPQ
internal import Foundation

/// Reading libpq's `PGresult`s into Swift values (rows, errors) and building its C arguments.
enum LibPQ {
    /// Copies a result's rows and columns out of libpq's memory.
    static func rows(of result: OpaquePointer) -> PostgresRows {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        var columns: [PostgresColumn] = []
        columns.reserveCapacity(columnCount)
        for c in 0..<columnCount {
            columns.append(PostgresColumn(name: String(cString: PQfname(result, Int32(c))), type: PostgresType(rawValue: PQftype(result, Int32(c)))))
        }
        var total = 0
        for r in 0..<rowCount {
            for c in 0..<columnCount { total += Int(PQgetlength(result, Int32(r), Int32(c))) }
        }
        var storage: [UInt8] = []
        storage.reserveCapacity(total)
        var cells: [(start: Int32, length: Int32)] = []
        cells.reserveCapacity(rowCount * columnCount)
        for r in 0..<rowCount {
            for c in 0..<columnCount {
                if PQgetisnull(result, Int32(r), Int32(c)) != 0 {
                    cells.append((0, -1))
                    continue
                }
                let length = Int(PQgetlength(result, Int32(r), Int32(c)))
                cells.append((Int32(storage.count), Int32(length)))
                if length > 0, let value = PQgetvalue(result, Int32(r), Int32(c)) {
                    value.withMemoryRebound(to: UInt8.self, capacity: length) {
                        storage.append(contentsOf: UnsafeBufferPointer(start: $0, count: length))
                    }
                }
            }
        }
        let tag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        let affected = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        return PostgresRows(columns: columns, commandTag: tag, affectedRows: affected, rowCount: rowCount, cells: cells, storage: storage)
    }

    /// The error a failed result carries, with its diagnostic fields.
    static func serverError(of result: OpaquePointer) -> PostgresError {
        func field(_ code: Int32) -> String? {
            PQresultErrorField(result, code).map { String(cString: $0) }
        }
        var message = field(RELAY_PG_DIAG_MESSAGE_PRIMARY) ?? PQresultErrorMessage(result).map { String(cString: $0) } ?? "unknown error"
        if let detail = field(RELAY_PG_DIAG_MESSAGE_DETAIL) { message += "\nDETAIL: \(detail)" }
        if let hint = field(RELAY_PG_DIAG_MESSAGE_HINT) { message += "\nHINT: \(hint)" }
        return PostgresError(
            .server, message, sqlState: field(RELAY_PG_DIAG_SQLSTATE), severity: field(RELAY_PG_DIAG_SEVERITY),
            constraint: field(RELAY_PG_DIAG_CONSTRAINT_NAME), table: field(RELAY_PG_DIAG_TABLE_NAME),
            column: field(RELAY_PG_DIAG_COLUMN_NAME))
    }

    /// The connection's last error message, trimmed.
    static func message(of connection: OpaquePointer?) -> String {
        guard let connection, let text = PQerrorMessage(connection) else { return "unknown libpq error" }
        let message = String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines)
        return message.isEmpty ? "unknown libpq error" : message
    }

    /// Calls `body` with NUL-terminated C copies of `strings` (and a trailing NULL pointer).
    static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        defer { for pointer in pointers { free(pointer) } }
        pointers.append(nil)
        return pointers.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UnsafePointer<CChar>?.self, capacity: buffer.count) { body($0) }
        }
    }

    /// Calls `body` with the C arrays libpq's `PQsend*` functions take for `bindings`: types,
    /// value pointers, lengths and formats (all binary).
    static func withParameters<R>(
        _ bindings: PostgresBindings,
        _ body: (_ types: UnsafePointer<Oid>?, _ values: UnsafePointer<UnsafePointer<CChar>?>?, _ lengths: UnsafePointer<Int32>?,
                 _ formats: UnsafePointer<Int32>?) -> R
    ) -> R {
        let count = bindings.count
        guard count > 0 else { return body(nil, nil, nil, nil) }
        let formats = [Int32](repeating: 1, count: count)
        return bindings.bytes.withUnsafeBufferPointer { bytes in
            var values: [UnsafePointer<CChar>?] = []
            values.reserveCapacity(count)
            let base = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            var offset = 0
            for length in bindings.lengths {
                if length < 0 {
                    values.append(nil)
                } else {
                    // An empty value still needs a non-NULL pointer, or the server sees NULL.
                    values.append(base.map { $0 + offset } ?? UnsafePointer(emptyValue))
                    offset += Int(length)
                }
            }
            return bindings.types.withUnsafeBufferPointer { types in
                values.withUnsafeBufferPointer { values in
                    bindings.lengths.withUnsafeBufferPointer { lengths in
                        formats.withUnsafeBufferPointer { formats in
                            body(types.baseAddress, values.baseAddress, lengths.baseAddress, formats.baseAddress)
                        }
                    }
                }
            }
        }
    }

    /// A valid pointer for zero-length parameter values.
    nonisolated(unsafe) private static let emptyValue: UnsafeMutablePointer<CChar> = {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        pointer.pointee = 0
        return pointer
    }()
}
