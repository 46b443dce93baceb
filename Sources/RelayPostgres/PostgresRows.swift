/// A result column: its name and type.
public struct PostgresColumn: Sendable, Hashable {
    /// The column's name (or alias) in the result.
    public let name: String
    /// Its type.
    public let type: PostgresType
}

/// The result of one statement: its rows (copied out of libpq), and the command tag.
public struct PostgresRows: Sendable, RandomAccessCollection {
    /// The result columns, in order.
    public let columns: [PostgresColumn]
    /// The command tag, such as `INSERT 0 1` or `SELECT 3`.
    public let commandTag: String
    /// The rows an INSERT, UPDATE, DELETE, MERGE, SELECT or COPY touched (from the tag).
    public let affectedRows: Int
    let rowCount: Int
    /// Each cell's start in `storage` and length (-1 for NULL), row by row.
    let cells: [(start: Int32, length: Int32)]
    let storage: [UInt8]

    init(columns: [PostgresColumn], commandTag: String, affectedRows: Int, rowCount: Int, cells: [(start: Int32, length: Int32)], storage: [UInt8]) {
        self.columns = columns
        self.commandTag = commandTag
        self.affectedRows = affectedRows
        self.rowCount = rowCount
        self.cells = cells
        self.storage = storage
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { rowCount }
    public subscript(position: Int) -> PostgresRow { PostgresRow(rows: self, index: position) }

    /// The index of the column named `name`.
    func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }
}

/// One row of a result; its values are decoded by position or by column name, and a value that
/// does not fit the Swift type asked for is a ``PostgresError/Kind/decoding`` error naming the column.
public struct PostgresRow: Sendable {
    let rows: PostgresRows
    let index: Int

    /// The number of columns.
    public var count: Int { rows.columns.count }

    /// Whether the column at `column` is NULL.
    public func isNull(at column: Int) -> Bool {
        rows.cells[index * rows.columns.count + column].length < 0
    }

    /// Decodes the value of the column at position `column`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, at column: Int) throws(PostgresError) -> T {
        guard column >= 0, column < rows.columns.count else {
            throw PostgresError(.decoding, "the result has \(rows.columns.count) columns, not \(column + 1)", column: "#\(column)")
        }
        let info = rows.columns[column]
        let cell = rows.cells[index * rows.columns.count + column]
        do {
            if cell.length < 0 { return try T.postgresNull(type: info.type) }
            let start = Int(cell.start)
            return try T(postgresBytes: rows.storage[start..<start + Int(cell.length)], type: info.type)
        } catch {
            throw PostgresError(.decoding, "\(info.name) \(error.reason)", column: info.name)
        }
    }

    /// Decodes the value of the column named `column`.
    public func decode<T: PostgresDecodable>(_ type: T.Type = T.self, column: String) throws(PostgresError) -> T {
        guard let position = rows.columnIndex(column) else {
            throw PostgresError(.decoding, "the result has no column \(column)", column: column)
        }
        return try decode(type, at: position)
    }

    /// Decodes the first columns as a tuple: `let (id, name) = try row.decode((UUID, String).self)`.
    public func decode<each T: PostgresDecodable>(_ types: (repeat each T).Type) throws(PostgresError) -> (repeat each T) {
        var position = 0
        func next<V: PostgresDecodable>(_: V.Type) throws(PostgresError) -> V {
            defer { position += 1 }
            return try decode(V.self, at: position)
        }
        return (repeat try next((each T).self))
    }
}
