import Testing
@testable import RelayHTTP2
@testable import RelayRPC

/// A frame sequence that is a connection error (RFC 9113 §5.4.1), written by hand after the
/// handshake, and the GOAWAY code it must end in.
struct HostileInput: Sendable, CustomTestStringConvertible {
    let name: String
    let bytes: [UInt8]
    let code: HTTP2ErrorCode
    var testDescription: String { name }

    static let request = HPACK.literalBlock([
        HeaderField(":method", "POST"), HeaderField(":scheme", "http"), HeaderField(":path", "/x.Y/Z"),
        HeaderField(":authority", "in-memory"), HeaderField("content-type", "application/grpc"),
    ])
    static let endHeaders = Frame.endHeadersFlag

    static let all: [HostileInput] = [
        HostileInput(
            name: "DATA on stream 0", bytes: Frame(type: Frame.data, stream: 0, payload: [1, 2, 3]).encoded(),
            code: .protocolError),
        HostileInput(
            name: "HEADERS on an even (server-initiated) stream id",
            bytes: Frame(type: Frame.headers, flags: endHeaders, stream: 2, payload: request).encoded(), code: .protocolError),
        HostileInput(
            name: "CONTINUATION without HEADERS",
            bytes: Frame(type: Frame.continuation, flags: endHeaders, stream: 1, payload: request).encoded(), code: .protocolError),
        HostileInput(
            name: "WINDOW_UPDATE of 0 on the connection",
            bytes: Frame(type: Frame.windowUpdate, stream: 0, payload: [0, 0, 0, 0]).encoded(), code: .protocolError),
        HostileInput(
            name: "SETTINGS_ENABLE_PUSH of 2",
            bytes: Frame(type: Frame.settings, stream: 0, payload: [0, 2, 0, 0, 0, 2]).encoded(), code: .protocolError),
        HostileInput(
            name: "PING on stream 1", bytes: Frame(type: Frame.ping, stream: 1, payload: [UInt8](repeating: 0, count: 8)).encoded(),
            code: .protocolError),
    ]
}

/// Connection errors end in GOAWAY with the right code, after which the server closes: on a bare
/// server-role HTTP2Connection and on the gRPC server connection alike.
@Suite struct ConnectionErrorTests {
    @Test(arguments: HostileInput.all, [false, true])
    func connectionErrorEndsInGoAway(input: HostileInput, grpc: Bool) async throws {
        let server = grpc ? grpcServer([]) : rawServer()
        try await withPair(server) { pair in
            await pair.settle()
            pair.injectToServer(input.bytes)
            await pair.settle()

            let fromServer = pair.frames(.toClient)
            let goAways = fromServer.filter { $0.type == Frame.goAway }
            try #require(goAways.count == 1, "server sent \(fromServer); client sent \(pair.frames(.toServer)); client events \(pair.clientEvents.events)")
            #expect(goAways[0].errorCode == input.code.rawValue)
            #expect(fromServer.last == goAways[0], "nothing follows the GOAWAY")
            #expect(pair.withServerHTTP2 { c, channel in c.isClosed && channel.isClosed && c.streams.isEmpty })
            #expect(pair.clientEvents.events.contains(.connectionClosed))
            if grpc { #expect(pair.withGRPC { $0.calls.isEmpty }) }
        }
    }

    /// A connection error with a call in flight cancels its handler.
    @Test func connectionErrorCancelsCallsInFlight() async throws {
        let probe = Probe()
        let service = RPCMethod(path: "/relay.inprocess.Probe/Hang", kind: .bidirectionalStreaming) { requests, _, _ in
            probe.record(.started("hang"))
            do {
                while try await requests.next() != nil {}
            } catch {
                probe.record(.ended(cancelled: Task.isCancelled, error: "\((error as? RPCError)?.code.description ?? "\(error)")"))
                throw error
            }
        }
        try await withPair(grpcServer([SingleMethod(method: service)])) { pair in
            await pair.settle()
            let stream = try pair.open("/relay.inprocess.Probe/Hang")
            pair.sendMessage(stream, [1])
            await pair.settle()
            #expect(probe.events == [.started("hang")])
            pair.injectToServer(Frame(type: Frame.data, stream: 0, payload: [0]).encoded())
            await pair.settle()
            #expect(pair.frames(.toClient).last?.errorCode == HTTP2ErrorCode.protocolError.rawValue)
            #expect(probe.events.count == 2)
            if case .ended(let cancelled, _) = probe.events.last { #expect(cancelled) }
            #expect(pair.withGRPC { $0.calls.isEmpty })
            #expect(pair.clientEvents.events.closeCode(stream) != nil)
        }
    }
}

/// RFC 9113 §5.1.1 makes a new stream id below one already used a PROTOCOL_ERROR, but nghttp2
/// deliberately ignores such a HEADERS frame when it has no record of the stream (it cannot tell
/// it from a late frame of a stream it forgot: see `session_on_request_headers_received`). This
/// pins what the server does instead: nothing, and it keeps no state for the ignored stream.
@Suite struct IgnoredStreamTests {
    @Test func headersBelowTheLastStreamIDAreIgnoredWithoutState() async throws {
        let fields = [
            HeaderField(":method", "POST"), HeaderField(":scheme", "http"), HeaderField(":path", "/relay.test.TestService/Unary"),
            HeaderField(":authority", "in-memory"), HeaderField("content-type", "application/grpc"),
        ]
        try await withPair(grpcServer([])) { pair in
            await pair.settle()
            // Stream 5 opens (and gets a Trailers-Only UNIMPLEMENTED: the server has no services).
            pair.injectToServer(
                Frame(type: Frame.headers, flags: Frame.endHeadersFlag | Frame.endStreamFlag, stream: 5, payload: HPACK.literalBlock(fields))
                    .encoded())
            pair.injectToServer(
                Frame(type: Frame.headers, flags: Frame.endHeadersFlag | Frame.endStreamFlag, stream: 3, payload: HPACK.literalBlock(fields))
                    .encoded())
            // The server's answer goes nowhere: the client never opened stream 5. Look at it before it does.
            let (answer, open) = pair.withServerHTTP2 { c, channel in
                c.flush()
                return (channel.outbox, !c.isClosed && c.streams.isEmpty && c.headerBlocks.isEmpty)
            }
            var parser = FrameParser(expectsPreface: false)
            let frames = parser.feed(answer)
            #expect(frames.map(\.stream) == [5], "\(frames)")
            #expect(frames.first?.endsStream == true)
            #expect(open)
            #expect(pair.withGRPC { $0.calls.isEmpty })
        }
    }
}

/// A service of one method.
struct SingleMethod: RPCService {
    let method: RPCMethod
    var methods: [RPCMethod] { [method] }
}
