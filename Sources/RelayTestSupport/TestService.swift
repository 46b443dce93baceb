public import RelayRPC
internal import ProtoWire

/// `relay.test.TestService`: exercises every feature of the RPC runtime for the interop tests.
public struct TestService: RPCService {
    /// Creates the service.
    public init() {}

    public var methods: [RPCMethod] {
        let name = "relay.test.TestService"
        return [
            .unary(name, "Unary", EchoRequest.self, EchoResponse.self) { request, context in
                try await Self.prepare(request, context)
                return Self.response(to: request, index: 0, context: context)
            },
            .serverStreaming(name, "ServerStream", EchoRequest.self, EchoResponse.self) { request, writer, context in
                try await Self.prepare(request, context)
                for i in 0..<max(0, request.repeat) {
                    try await writer.write(Self.response(to: request, index: i, context: context))
                }
            },
            .clientStreaming(name, "ClientStream", EchoRequest.self, EchoResponse.self) { requests, context in
                var texts: [String] = []
                var last = EchoRequest()
                for try await request in requests {
                    try await Self.prepare(request, context)
                    texts.append(request.text)
                    last = request
                }
                var response = Self.response(to: last, index: Int32(texts.count), context: context)
                response.text = texts.joined(separator: ",")
                return response
            },
            .bidirectionalStreaming(name, "Bidi", EchoRequest.self, EchoResponse.self) { requests, writer, context in
                var i: Int32 = 0
                for try await request in requests {
                    try await Self.prepare(request, context)
                    try await writer.write(Self.response(to: request, index: i, context: context))
                    i += 1
                }
            },
        ]
    }

    private static func prepare(_ request: EchoRequest, _ context: ServerContext) async throws {
        if request.echoMetadata {
            var headers = Metadata()
            var trailers = Metadata()
            for (key, value) in context.metadata where key.hasPrefix("x-") {
                headers.append("echo-" + key, value)
                trailers.append("trailer-" + key, value)
            }
            await context.response.addInitial(headers)
            await context.response.addTrailing(trailers)
        }
        if request.delayMs > 0 { try await Task.sleep(for: .milliseconds(Int(request.delayMs))) }
        if request.statusCode != 0 {
            var error = RPCError(code: StatusCode(wireValue: request.statusCode), message: request.statusMessage)
            if request.details {
                var info = Google.Rpc.ErrorInfo()
                info.reason = "TEST_REASON"
                info.domain = "test.relay"
                info.metadata = ["key": "value"]
                var bad = Google.Rpc.BadRequest()
                var violation = Google.Rpc.BadRequest.FieldViolation()
                violation.field = "text"
                violation.description = "must not be \"\(request.text)\""
                bad.fieldViolations = [violation]
                error.details = [Google.Protobuf.`Any`(packing: info), Google.Protobuf.`Any`(packing: bad)]
            }
            throw error
        }
    }

    private static func response(to request: EchoRequest, index: Int32, context: ServerContext) -> EchoResponse {
        var response = EchoResponse()
        response.text = request.text
        response.payload = request.payloadSize > 0 ? [UInt8](repeating: 0x5A, count: Int(request.payloadSize)) : request.payload
        response.index = index
        if request.echoMetadata {
            for (key, value) in context.metadata {
                switch value {
                case .string(let s): response.metadata[key] = s
                case .binary(let b): response.metadata[key] = Base64.encode(b)
                }
            }
        }
        return response
    }
}
