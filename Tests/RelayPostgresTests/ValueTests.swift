import Foundation
import PostgresTestSupport
import RelayPostgres
import Testing

/// Every column type Relay uses goes in as a bind and comes back equal, through a real table.
@Suite struct ValueTests {
    @Test func everyColumnTypeRoundTrips() async throws {
        try await TestPostgres.withPool { pool in
            _ = try await pool.query(
                """
                CREATE TABLE everything (
                    b bool, i2 int2, i4 int4, i8 int8, f8 float8, t text, v varchar(50), by bytea, ts timestamptz,
                    u uuid, j jsonb, ta text[], ia int8[], ua uuid[], x xid8
                )
                """)
            let id = UUID()
            let when = Date(timeIntervalSince1970: 1_764_000_000.123456)
            let json = PostgresJSON(#"{"a": [1, 2, {"b": null}], "é": "ü"}"#)
            _ = try await pool.query(
                """
                INSERT INTO everything VALUES (\(true), \(Int16.min), \(Int32.max), \(Int64.min), \(-0.5e300), \("text ✓ 🚀"),
                    \("varchar"), \([UInt8]([0, 1, 2, 255, 0])), \(when), \(id), \(json), \(["a", "", "b,c", "\"q\""]),
                    \([Int64.max, 0, -1]), \([id, UUID()]), \(UInt64.max - 5))
                """)
            let rows = try await pool.query("SELECT * FROM everything")
            #expect(rows.count == 1)
            let row = rows[0]
            #expect(try row.decode(Bool.self, column: "b") == true)
            #expect(try row.decode(Int16.self, column: "i2") == Int16.min)
            #expect(try row.decode(Int32.self, column: "i4") == Int32.max)
            #expect(try row.decode(Int64.self, column: "i8") == Int64.min)
            #expect(try row.decode(Int.self, column: "i4") == Int(Int32.max))
            #expect(try row.decode(Double.self, column: "f8") == -0.5e300)
            #expect(try row.decode(String.self, column: "t") == "text ✓ 🚀")
            #expect(try row.decode(String.self, column: "v") == "varchar")
            #expect(try row.decode([UInt8].self, column: "by") == [0, 1, 2, 255, 0])
            let storedWhen = try row.decode(Date.self, column: "ts")
            #expect(abs(storedWhen.timeIntervalSince(when)) < 0.000_001)
            #expect(try row.decode(UUID.self, column: "u") == id)
            #expect(try row.decode([String].self, column: "ta") == ["a", "", "b,c", "\"q\""])
            #expect(try row.decode([Int64].self, column: "ia") == [Int64.max, 0, -1])
            #expect(try row.decode([UUID].self, column: "ua").first == id)
            #expect(try row.decode(UInt64.self, column: "x") == UInt64.max - 5)
            // jsonb is normalized by the server; compare the parsed documents.
            let stored = try row.decode(PostgresJSON.self, column: "j")
            let parsed = try JSONSerialization.jsonObject(with: Data(stored.text.utf8)) as? NSDictionary
            let original = try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? NSDictionary
            #expect(parsed == original)
        }
    }

    @Test func nullsEmptiesAndInfinities() async throws {
        try await TestPostgres.withPool { pool in
            let nothing: String? = nil
            let rows = try await pool.query(
                """
                SELECT \(nothing)::text AS n, \("") AS empty, \([UInt8]()) AS no_bytes, \([String]()) AS no_items,
                       'infinity'::timestamptz AS future, '-infinity'::timestamptz AS past, \(Date.distantFuture) AS echoed
                """)
            let row = rows[0]
            #expect(try row.decode(String?.self, column: "n") == nil)
            #expect(row.isNull(at: 0))
            #expect(try row.decode(String.self, column: "empty") == "")
            #expect(try row.decode([UInt8].self, column: "no_bytes") == [])
            #expect(try row.decode([String].self, column: "no_items") == [])
            #expect(try row.decode(Date.self, column: "future") == .distantFuture)
            #expect(try row.decode(Date.self, column: "past") == .distantPast)
            #expect(try row.decode(Date.self, column: "echoed") == .distantFuture)
        }
    }

    @Test func decodingErrorsNameTheColumn() async throws {
        try await TestPostgres.withPool { pool in
            let row = try await pool.query("SELECT 7::int4 AS count, NULL::text AS missing, 70000::int4 AS big")[0]
            let wrongType = #expect(throws: PostgresError.self) { try row.decode(String.self, column: "count") }
            #expect(wrongType?.kind == .decoding)
            #expect(wrongType?.column == "count")
            #expect(wrongType?.description.contains("int4") == true)
            let null = #expect(throws: PostgresError.self) { try row.decode(String.self, column: "missing") }
            #expect(null?.column == "missing")
            #expect(null?.description.contains("NULL") == true)
            let overflow = #expect(throws: PostgresError.self) { try row.decode(Int16.self, column: "big") }
            #expect(overflow?.column == "big")
            let absent = #expect(throws: PostgresError.self) { try row.decode(Int32.self, column: "nope") }
            #expect(absent?.column == "nope")
        }
    }

    @Test func textParametersComeBackByteForByte() async throws {
        try await TestPostgres.withPool { pool in
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<50 {
                let scalars = (0..<Int.random(in: 0..<64, using: &generator)).compactMap { _ in
                    Unicode.Scalar(UInt32.random(in: 1...0x10FFFF, using: &generator))
                }
                let text = String(String.UnicodeScalarView(scalars))
                let echoed = try await pool.query("SELECT \(text)")[0].decode(String.self, at: 0)
                #expect(echoed == text)
            }
        }
    }
}
