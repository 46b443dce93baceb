public import ProtoWire
public import RelayRPC

// ../shared/anchors/echo.proto's bench.Echo with hand-written codecs, served by relay-bench-echo
// (bench/rpc) and relay-bench-auth (bench/auth).

/// `bench.Msg`: `bytes payload = 1;`
public struct Msg: ProtoMessage {
    public static let protoMessageName = "bench.Msg"
    /// The payload echoed back.
    public var payload: [UInt8] = []
    public var unknownFields = UnknownFields()

    /// An empty message.
    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.bytes(1, payload)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.bytes(tag, into: &payload)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `bench.Echo`: Unary echoes the request; Stream sends it back `n` times (request metadata `n`).
public struct EchoService: RPCService {
    /// The service.
    public init() {}

    public var methods: [RPCMethod] {
        [
            .unary("bench.Echo", "Unary", Msg.self, Msg.self) { request, _ in request },
            .serverStreaming("bench.Echo", "Stream", Msg.self, Msg.self) { request, writer, context in
                let n = context.metadata.first("n").flatMap(Int.init) ?? 200_000
                for _ in 0..<n { try await writer.write(request) }
            },
        ]
    }
}

