import RelayRPC
import Testing

/// Typed values of a call and of a connection.
@Suite struct ContextValuesTests {
    enum A: ContextKey { typealias Value = Int }
    enum B: ContextKey { typealias Value = String }
    enum C: ContextKey { typealias Value = [Int] }

    @Test func valuesAreSetReplacedAndRemovedByKey() {
        var values = ContextValues()
        #expect(values[A.self] == nil)
        values[A.self] = 1
        values[B.self] = "b"
        values[C.self] = [3]
        #expect(values[A.self] == 1 && values[B.self] == "b" && values[C.self] == [3])
        values[B.self] = "bb"
        values[A.self] = nil
        #expect(values[A.self] == nil && values[B.self] == "bb" && values[C.self] == [3])
        values[A.self] = 11
        values[C.self] = nil
        #expect(values[A.self] == 11 && values[B.self] == "bb" && values[C.self] == nil)
    }

    @Test func connectionValuesAreSharedByReference() {
        let connection = ConnectionValues()
        let alias = connection
        connection[B.self] = "kept for the connection"
        #expect(alias[B.self] == "kept for the connection")
    }
}
