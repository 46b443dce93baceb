import Glibc
import Logging
import ProtoWire
import RelayRPC

// relay-bench-echo PORT: serves ../shared/anchors/echo.proto's bench.Echo with Relay's runtime and
// hand-written codecs, for bench/rpc (the same harness as the anchors: grpc-swift-2, grpcio, nghttpd).

/// `bench.Msg`: `bytes payload = 1;`
struct Msg: ProtoMessage {
    static let protoMessageName = "bench.Msg"
    var payload: [UInt8] = []
    var unknownFields = UnknownFields()

    init() {}

    @inlinable
    func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.bytes(1, payload)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.bytes(tag, into: &payload)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `bench.Echo`: Unary echoes the request; Stream sends it back `n` times (request metadata `n`).
struct EchoService: RPCService {
    var methods: [RPCMethod] {
        [
            .unary("bench.Echo", "Unary", Msg.self, Msg.self) { request, _ in request },
            .serverStreaming("bench.Echo", "Stream", Msg.self, Msg.self) { request, writer, context in
                let n = context.metadata.first("n").flatMap(Int.init) ?? 200_000
                for _ in 0..<n { try await writer.write(request) }
            },
        ]
    }
}

let port = CommandLine.arguments.dropFirst().first.flatMap(UInt16.init) ?? 50060
var logger = Logger(label: "relay.bench-echo")
logger.logLevel = .warning
var configuration = RPCServerConfiguration()
configuration.host = "127.0.0.1"
configuration.port = port
let server = try RPCServer(configuration: configuration, services: [EchoService()], logger: logger)
try server.start()
print("listening on 127.0.0.1:\(server.port)")
fflush(nil)
while true { try await Task.sleep(for: .seconds(3600)) }
