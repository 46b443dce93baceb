import ProtoWire
import Synchronization
import Testing

/// How many times `CountingNode.encode(to:)` has run (only EncodingCostWireTests uses it).
private let encodeCalls = Atomic<Int>(0)

/// A recursive message that counts how often it is encoded.
///
/// `message CountingNode { repeated CountingNode children = 1; map<string, CountingNode> named = 2; }`
private struct CountingNode: ProtoMessage {
    static let protoMessageName = "test.CountingNode"
    var children: [CountingNode] = []
    var named: [String: CountingNode] = [:]
    var unknownFields = UnknownFields()

    init() {}

    func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        encodeCalls.add(1, ordering: .relaxed)
        sink.message(1, children)
        sink.map(2, named)
        sink.unknownFields(unknownFields)
    }

    mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.message(tag, into: &children)
        case 2: try reader.map(tag, into: &named)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }

    /// `levels` messages, each the only child (or the only map value) of the one above.
    static func chain(levels: Int, viaMap: Bool) -> CountingNode {
        var node = CountingNode()
        for _ in 0..<levels {
            var parent = CountingNode()
            if viaMap { parent.named = ["k": node] } else { parent.children = [node] }
            node = parent
        }
        return node
    }
}

/// Encoding work grows at most quadratically with nesting depth (each level sizes its subtree).
@Suite(.serialized) struct EncodingCostWireTests {
    /// Encodes `node` and returns how many `encode(to:)` calls that took.
    private func encodeCount(_ node: CountingNode) -> (calls: Int, bytes: [UInt8]) {
        encodeCalls.store(0, ordering: .relaxed)
        let bytes = node.serializedBytes()
        return (encodeCalls.load(ordering: .relaxed), bytes)
    }

    @Test func nestedMessagesEncodeInPolynomialWork() throws {
        let levels = 16
        let (calls, bytes) = encodeCount(CountingNode.chain(levels: levels, viaMap: false))
        #expect(calls <= (levels + 1) * (levels + 2), "\(calls) encode calls for \(levels) levels")
        #expect(try CountingNode(serializedBytes: bytes) == CountingNode.chain(levels: levels, viaMap: false))
    }

    @Test func nestedMapMessageValuesEncodeInPolynomialWork() throws {
        // 16 levels of map values: a quadratic bound allows 306 calls (sizing each value twice once took
        // 393,196: exponential in depth, a CPU sink for hostile nested Structs).
        let levels = 16
        let (calls, bytes) = encodeCount(CountingNode.chain(levels: levels, viaMap: true))
        #expect(calls <= (levels + 1) * (levels + 2), "\(calls) encode calls for \(levels) levels")
        // The bytes are still right.
        #expect(try CountingNode(serializedBytes: bytes) == CountingNode.chain(levels: levels, viaMap: true))
    }
}
