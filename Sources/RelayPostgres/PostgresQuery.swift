/// A statement with its bind parameters. Written as a string literal, every interpolated value
/// becomes a `$n` parameter and never part of the SQL text:
///
/// ```swift
/// let rows = try await pool.query("SELECT id FROM domains WHERE organization_id = \(org) AND name = \(name)")
/// ```
///
/// The literal parts must be compile-time strings (`StaticString`). Text that has to be spliced
/// into the SQL at run time goes through the explicit ``StringInterpolation/appendInterpolation(unescapedSQL:)``.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The SQL text, with `$1`, `$2`, … where the parameters go.
    public private(set) var sql: String
    /// The parameters.
    public private(set) var bindings: PostgresBindings

    /// A statement and its parameters built separately.
    public init(unsafeSQL sql: String, bindings: PostgresBindings = PostgresBindings()) {
        self.sql = sql
        self.bindings = bindings
    }

    public init(stringLiteral value: StaticString) {
        sql = value.description
        bindings = PostgresBindings()
    }

    public init(stringInterpolation: StringInterpolation) {
        sql = stringInterpolation.sql
        bindings = stringInterpolation.bindings
    }

    /// The SQL text only: parameters are never printed.
    public var description: String { sql }

    /// Builds a query's text and parameters from a string literal with interpolations.
    public struct StringInterpolation: StringInterpolationProtocol {
        public typealias StringLiteralType = StaticString
        var sql = ""
        var bindings = PostgresBindings()

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + 3 * interpolationCount)
        }

        public mutating func appendLiteral(_ literal: StaticString) {
            sql += literal.description
        }

        /// A parameter: `$n` in the text, the value among the bindings.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            bindings.append(value)
            sql += "$\(bindings.count)"
        }

        /// A parameter that may be NULL.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            bindings.append(value)
            sql += "$\(bindings.count)"
        }

        /// Text spliced into the SQL as is: only for SQL the program itself composed (a column
        /// list, a sort direction), never for a value that came from a request.
        public mutating func appendInterpolation(unescapedSQL text: String) {
            sql += text
        }
    }
}

/// The parameters of a statement in PostgreSQL's binary format, all in one buffer.
public struct PostgresBindings: Sendable {
    /// The type of each parameter.
    private(set) var types: [UInt32] = []
    /// The byte length of each parameter; -1 for NULL.
    private(set) var lengths: [Int32] = []
    /// The parameters' bytes, one after the other.
    private(set) var bytes: [UInt8] = []

    /// No parameters.
    public init() {}

    /// How many parameters there are.
    public var count: Int { types.count }

    /// Appends a parameter.
    public mutating func append<Value: PostgresEncodable>(_ value: Value) {
        let start = bytes.count
        value.encode(into: &bytes)
        types.append(Value.postgresType.rawValue)
        lengths.append(Int32(bytes.count - start))
    }

    /// Appends a parameter that may be NULL.
    public mutating func append<Value: PostgresEncodable>(_ value: Value?) {
        if let value {
            append(value)
        } else {
            types.append(Value.postgresType.rawValue)
            lengths.append(-1)
        }
    }
}
