import Testing
import ProtoWire
import RelayTestSupport
@testable import RelayHTTP2
@testable import RelayRPC

private let unaryPath = "/relay.test.TestService/Unary"

/// Handlers that report to the test: they block until cancelled, or read only when let through.
private struct ProbeService: RPCService {
    static let hangReading = "/relay.inprocess.Probe/HangReading"
    static let hangWaiting = "/relay.inprocess.Probe/HangWaiting"
    static let gated = "/relay.inprocess.Probe/Gated"
    static let readFirstOnly = "/relay.inprocess.Probe/ReadFirstOnly"

    let probe: Probe
    let gate: Gate

    var methods: [RPCMethod] {
        let probe = self.probe
        let gate = self.gate
        return [
            // Blocks reading requests until the client ends (or the call is cancelled).
            RPCMethod(path: Self.hangReading, kind: .bidirectionalStreaming) { requests, _, _ in
                probe.record(.started("reading"))
                do {
                    while try await requests.next() != nil {}
                    probe.record(.ended(cancelled: Task.isCancelled, error: "none"))
                } catch {
                    probe.record(.ended(cancelled: Task.isCancelled, error: Self.name(error)))
                    throw error
                }
            },
            // Blocks in a wait of its own that only task cancellation ends.
            RPCMethod(path: Self.hangWaiting, kind: .bidirectionalStreaming) { _, _, _ in
                probe.record(.started("waiting"))
                let wakeUp = Gate()
                await withTaskCancellationHandler {
                    await wakeUp.wait()
                } onCancel: {
                    wakeUp.release()
                }
                probe.record(.ended(cancelled: Task.isCancelled, error: "none"))
                throw CancellationError()
            },
            // Reads the first message, waits at the gate, answers, and leaves the rest unread.
            RPCMethod(path: Self.readFirstOnly, kind: .clientStreaming) { requests, responses, _ in
                _ = try await requests.next()
                await gate.wait()
                try await responses.write([42])
            },
            // Reads one message each time the gate lets it, then answers with the count.
            RPCMethod(path: Self.gated, kind: .clientStreaming) { requests, responses, _ in
                var count = 0
                while true {
                    await gate.wait()
                    guard let message = try await requests.next() else { break }
                    probe.record(.read(message.count))
                    count += 1
                }
                try await responses.write(Array("\(count)".utf8))
            },
        ]
    }

    static func name(_ error: any Error) -> String {
        if let e = error as? RPCError { return "RPCError(\(e.code))" }
        return String(describing: type(of: error))
    }
}

private func echo(_ text: String, payload: [UInt8] = []) -> [UInt8] {
    var request = EchoRequest()
    request.text = text
    request.payload = payload
    return request.serializedBytes()
}

/// The gRPC server connection driven by a client-role HTTP2Connection through memory: the
/// per-stream state machine of ``ServerConnection`` (calls, handlers, statuses, flow control,
/// draining), asserted on the frames that cross and the events the client sees.
@Suite struct ServerStateMachineTests {
    // MARK: Unary

    @Test func unaryCallEndToEnd() async throws {
        try await withPair(grpcServer([TestService()])) { pair in
            await pair.settle()
            let stream = try pair.open(unaryPath)
            pair.sendMessage(stream, echo("héllo", payload: [0, 1, 2, 255]))
            pair.client.endStream(stream)
            await pair.settle()

            // HEADERS, then one DATA that ends the request.
            let up = pair.frames(.toServer, stream: 1)
            #expect(up.map(\.type) == [Frame.headers, Frame.data])
            #expect(up.map(\.endsStream) == [false, true])
            // Response HEADERS, DATA, then trailers that end the stream; nothing else.
            let down = pair.frames(.toClient, stream: 1)
            #expect(down.map(\.type) == [Frame.headers, Frame.data, Frame.headers])
            #expect(down.map(\.endsStream) == [false, false, true])
            #expect(pair.wire.allSatisfy { $0.frame.type != Frame.rstStream && $0.frame.type != Frame.goAway })

            let blocks = pair.clientEvents.events.headerBlocks(stream)
            try #require(blocks.count == 2)
            #expect(blocks[0].fields.first(":status") == "200")
            #expect(blocks[0].fields.first("content-type") == "application/grpc")
            #expect(!blocks[0].endStream)
            #expect(blocks[1].fields.first("grpc-status") == "0")
            #expect(blocks[1].endStream)
            let messages = try #require(GRPCWire.messages(pair.clientEvents.events.body(stream)))
            try #require(messages.count == 1)
            #expect(down[1].length == 5 + messages[0].count)
            let response = try EchoResponse(serializedBytes: messages[0])
            #expect(response.text == "héllo")
            #expect(response.payload == [0, 1, 2, 255])
            #expect(pair.clientEvents.events.closeCode(stream) == 0)

            // The stream's state is gone on the server.
            #expect(pair.withGRPC { $0.calls.isEmpty })
            #expect(pair.withServerHTTP2 { c, _ in c.streams.isEmpty && c.headerBlocks.isEmpty })
        }
    }

    /// Every byte of the request in its own DATA frame, and the server reading one byte per read:
    /// every message boundary and frame header is split; each message still decodes once.
    @Test(arguments: [false, true]) func requestSplitIntoOneByteDataFrames(clientStreaming: Bool) async throws {
        try await withPair(grpcServer([TestService()])) { pair in
            pair.withServerHTTP2 { _, channel in channel.readLimit = 1 }
            await pair.settle()
            let messages = clientStreaming
                ? [echo("first"), echo("second", payload: [7, 7])]
                : [echo("split at every byte", payload: Array(0..<40))]
            let body = messages.flatMap(GRPCWire.frame)
            let stream = try pair.open(clientStreaming ? "/relay.test.TestService/ClientStream" : unaryPath)
            await pair.settle()
            for byte in body {
                pair.client.sendData(stream: stream, bytes: [byte])
                await pair.settle()
            }
            pair.client.endStream(stream)
            await pair.settle()

            let data = pair.frames(.toServer, stream: 1).filter { $0.type == Frame.data }
            #expect(data.count == body.count + 1)
            #expect(data.dropLast().allSatisfy { $0.length == 1 && !$0.endsStream })
            #expect(data.last.map { $0.length == 0 && $0.endsStream } == true)

            let blocks = pair.clientEvents.events.headerBlocks(stream)
            #expect(blocks.last?.fields.first("grpc-status") == "0")
            let replies = try #require(GRPCWire.messages(pair.clientEvents.events.body(stream)))
            try #require(replies.count == 1)
            let response = try EchoResponse(serializedBytes: replies[0])
            if clientStreaming {
                #expect(response.text == "first,second")
                #expect(response.index == 2)
            } else {
                #expect(response.text == "split at every byte")
                #expect(response.payload == Array(0..<40))
            }
            #expect(pair.withGRPC { $0.calls.isEmpty })
        }
    }

    // MARK: Cancellation

    @Test(arguments: [ProbeService.hangReading, ProbeService.hangWaiting])
    func clientResetCancelsTheHandlerAndReleasesTheStream(path: String) async throws {
        let probe = Probe()
        try await withPair(grpcServer([ProbeService(probe: probe, gate: Gate()), TestService()])) { pair in
            await pair.settle()
            let stream = try pair.open(path)
            pair.sendMessage(stream, [1, 2, 3])
            await pair.settle()
            #expect(probe.events.count == 1)
            #expect(pair.withGRPC { Array($0.calls.keys) } == [stream])

            pair.client.reset(stream: stream, code: .cancel)
            await pair.settle()
            #expect(pair.frames(.toServer, stream: 1).last?.type == Frame.rstStream)
            let expected: Probe.Event =
                path == ProbeService.hangReading
                ? .ended(cancelled: true, error: "RPCError(CANCELLED)") : .ended(cancelled: true, error: "none")
            #expect(probe.events.last == expected)
            #expect(pair.withGRPC { $0.calls.isEmpty })
            #expect(pair.withServerHTTP2 { c, _ in c.streams.isEmpty && c.headerBlocks.isEmpty })
            // The handler wrote nothing, and nothing (no status) follows the reset.
            #expect(pair.frames(.toClient, stream: 1).isEmpty)

            // The connection goes on.
            let next = try pair.open(unaryPath)
            pair.sendMessage(next, echo("after"))
            pair.client.endStream(next)
            await pair.settle()
            #expect(pair.clientEvents.events.headerBlocks(next).last?.fields.first("grpc-status") == "0")
            #expect(pair.withGRPC { $0.calls.isEmpty })
        }
    }

    // MARK: Rejections

    @Test(arguments: [
        ("/relay.test.TestService/Nope", "unknown method /relay.test.TestService/Nope", false),
        ("/no.Such/Thing", "unknown service no.Such", false),
        ("/relay.test.TestService/Nope", "unknown method /relay.test.TestService/Nope", true),
    ])
    func unknownMethodGetsATrailersOnlyResponse(path: String, message: String, clientStillSending: Bool) async throws {
        try await withPair(grpcServer([TestService()])) { pair in
            await pair.settle()
            let stream = try pair.open(path)
            if clientStillSending { await pair.settle() }
            pair.sendMessage(stream, echo("ignored"))
            pair.client.endStream(stream)
            await pair.settle()

            let down = pair.frames(.toClient, stream: 1)
            try #require(down.count == 1)
            #expect(down[0].type == Frame.headers)
            #expect(down[0].endsStream)
            #expect(down[0].flags & Frame.endHeadersFlag != 0)
            #expect(!pair.frames(.toClient).contains { $0.type == Frame.data })

            let blocks = pair.clientEvents.events.headerBlocks(stream)
            try #require(blocks.count == 1)
            let fields = blocks[0].fields
            #expect(fields.first(":status") == "200")
            #expect(fields.first("content-type") == "application/grpc")
            #expect(fields.first("grpc-status") == "12")
            #expect(fields.first("grpc-message").map(PercentEncoding.decode) == message)
            #expect(blocks[0].endStream)
            #expect(pair.clientEvents.events.closeCode(stream) == 0)
            #expect(pair.withGRPC { $0.calls.isEmpty })
            #expect(pair.withServerHTTP2 { c, _ in c.streams.isEmpty && c.headerBlocks.isEmpty })
        }
    }

    // MARK: Flow control

    /// A client-streaming request four times the stream window: the client sends exactly the
    /// window, then only as much more as the WINDOW_UPDATEs give back, and those give back only
    /// what the handler has read.
    @Test func streamingRequestProceedsOnlyAsTheHandlerReads() async throws {
        let probe = Probe()
        let gate = Gate()
        let window = 16_384
        let wireSize = 4_096
        let count = 16
        let server = grpcServer([ProbeService(probe: probe, gate: gate)]) { $0.http2.initialWindowSize = UInt32(window) }
        try await withPair(server) { pair in
            await pair.settle()
            let stream = try pair.open(ProbeService.gated)
            for _ in 0..<count { pair.sendMessage(stream, [UInt8](repeating: 7, count: wireSize - 5)) }
            pair.client.endStream(stream)
            await pair.settle()
            #expect(pair.dataBytes(.toServer, stream: 1) == window)
            #expect(pair.windowIncrements(.toClient, stream: 1) == 0)
            #expect(probe.reads == 0)
            #expect(pair.withGRPC { $0.calls[stream].map { $0.queue.count - $0.queueHead } } == window / wireSize)
            #expect(pair.withGRPC { $0.calls[stream]?.consumedBytes } == 0)

            for read in 1...count {
                gate.release()
                await pair.settle()
                #expect(probe.reads == read)
                let granted = pair.windowIncrements(.toClient, stream: 1)
                #expect(granted <= read * wireSize, "WINDOW_UPDATEs give back no more than was read")
                #expect(pair.dataBytes(.toServer, stream: 1) == min(count * wireSize, window + granted))
            }
            #expect(pair.windowViolation(stream: 1, initialWindow: window) == nil)
            #expect(pair.dataBytes(.toServer, stream: 1) == count * wireSize)
            gate.release()  // the read that finds the end of the request
            await pair.settle()
            #expect(pair.clientEvents.events.headerBlocks(stream).last?.fields.first("grpc-status") == "0")
            #expect(GRPCWire.messages(pair.clientEvents.events.body(stream)) == [Array("16".utf8)])
            #expect(pair.withGRPC { $0.calls.isEmpty })
        }
    }

    /// A unary request is read as it arrives (its handler starts at END_STREAM), so its window is
    /// given back as DATA comes in, and a request four times the window goes through.
    @Test func unaryRequestLargerThanTheWindowFlowsAsItIsConsumed() async throws {
        let window = 16_384
        let server = grpcServer([TestService()]) { $0.http2.initialWindowSize = UInt32(window) }
        try await withPair(server) { pair in
            await pair.settle()
            let payload = (0..<(4 * window)).map { UInt8(truncatingIfNeeded: $0) }
            let request = echo("big", payload: payload)
            let stream = try pair.open(unaryPath)
            pair.sendMessage(stream, request)
            pair.client.endStream(stream)
            await pair.settle()
            #expect(pair.dataBytes(.toServer, stream: 1) == request.count + 5)
            #expect(pair.windowIncrements(.toClient, stream: 1) >= request.count + 5 - window)
            #expect(pair.windowViolation(stream: 1, initialWindow: window) == nil)
            let replies = try #require(GRPCWire.messages(pair.clientEvents.events.body(stream)))
            #expect(try replies.map { try EchoResponse(serializedBytes: $0).payload } == [payload])
            #expect(pair.clientEvents.events.headerBlocks(stream).last?.fields.first("grpc-status") == "0")
        }
    }

    // MARK: Draining

    enum DrainTiming: String, CaseIterable, Sendable {
        /// The new stream's HEADERS reach the server before its GOAWAY is written.
        case beforeGoAwayIsWritten
        /// GOAWAY and HEADERS cross on the wire.
        case crossing
        /// The client has the GOAWAY before it tries to open the stream.
        case afterClientSawGoAway
    }

    @Test(arguments: DrainTiming.allCases)
    func drainingRefusesNewStreamsWhileACallInFlightCompletes(timing: DrainTiming) async throws {
        try await withPair(grpcServer([TestService()])) { pair in
            await pair.settle()
            let bidi = try pair.open("/relay.test.TestService/Bidi")
            pair.sendMessage(bidi, echo("m0"))
            await pair.settle()
            #expect(GRPCWire.messages(pair.clientEvents.events.body(bidi))?.count == 1)

            pair.withGRPC { $0.beginDrain() }
            if timing == .crossing { pair.withServerHTTP2 { c, _ in c.flush() } }
            if timing == .afterClientSawGoAway { await pair.settle() }
            let late = pair.openCall(unaryPath)
            if let late {
                pair.sendMessage(late, echo("late"))
                pair.client.endStream(late)
            }
            pair.sendClientToServer()
            await pair.settle()

            let goAways = pair.frames(.toClient).filter { $0.type == Frame.goAway }
            try #require(goAways.count == 1)
            #expect(goAways[0].errorCode == HTTP2ErrorCode.noError.rawValue)
            #expect(goAways[0].lastStreamID == UInt32(bidi))
            // The late stream is refused, and the client knows it may retry it.
            if let late {
                #expect(pair.clientEvents.events.closeCode(late) == HTTP2ErrorCode.refusedStream.rawValue)
                let answer = pair.frames(.toClient, stream: UInt32(late))
                switch timing {
                case .beforeGoAwayIsWritten:
                    #expect(answer.map(\.type) == [Frame.rstStream])
                    #expect(answer.first?.errorCode == HTTP2ErrorCode.refusedStream.rawValue)
                case .crossing:
                    #expect(answer.isEmpty, "streams above the GOAWAY's last stream id are ignored")
                case .afterClientSawGoAway:
                    #expect(pair.frames(.toServer, stream: UInt32(late)).isEmpty, "the client does not send it")
                }
            }
            #expect(pair.withGRPC { Array($0.calls.keys) } == [bidi])

            // The call in flight goes on in both directions, and ends with OK.
            pair.sendMessage(bidi, echo("m1"))
            await pair.settle()
            let echoes = try #require(GRPCWire.messages(pair.clientEvents.events.body(bidi)))
            #expect(try echoes.map { try EchoResponse(serializedBytes: $0).text } == ["m0", "m1"])
            pair.client.endStream(bidi)
            await pair.settle()
            #expect(pair.clientEvents.events.headerBlocks(bidi).last?.fields.first("grpc-status") == "0")
            #expect(pair.clientEvents.events.closeCode(bidi) == 0)
            // With nothing left in flight the server closes the connection itself.
            #expect(pair.withServerHTTP2 { c, channel in c.isClosed && channel.isClosed })
            #expect(pair.clientEvents.events.last == .connectionClosed)
            #expect(pair.withGRPC { $0.calls.isEmpty })
            #expect(pair.wireIsWhole == true)
        }
    }

    /// The last call of a draining connection ends while request bytes it never read are still
    /// unconsumed. Its trailers must reach the client, and the window it gives back with them.
    ///
    /// The bug this pins (fixed): `ServerConnection.onClosed` flushes while draining once no call
    /// is left. The stream closes when its trailers are sent, inside `nghttp2_session_mem_send`, so
    /// that flush re-entered `mem_send` from an nghttp2 callback: the inner call freed the outer
    /// frame's item (read again after the callback) and packed the next queued frame (the
    /// WINDOW_UPDATE of `onClosed`'s `consume`) into the buffer the outer call was returning, so
    /// the trailers never reached the client. `HTTP2Connection.flush` now defers a re-entrant flush.
    @Test func drainingWhileTheLastCallLeavesRequestBytesUnread() async throws {
        let gate = Gate()
        let server = grpcServer([ProbeService(probe: Probe(), gate: gate)]) {
            $0.http2.connectionWindowSize = 65_535
            $0.http2.initialWindowSize = 65_535
        }
        try await withPair(server) { pair in
            await pair.settle()
            let stream = try pair.open(ProbeService.readFirstOnly)
            // 60 KB of request, all within the windows; the handler reads the first 20 KB only.
            for _ in 0..<3 { pair.sendMessage(stream, [UInt8](repeating: 1, count: 20_000)) }
            pair.client.endStream(stream)
            await pair.settle()
            pair.withGRPC { $0.beginDrain() }
            await pair.settle()
            #expect(pair.frames(.toClient).filter { $0.type == Frame.goAway }.count == 1)

            gate.release()
            await pair.settle()
            let down = pair.frames(.toClient, stream: 1).filter { $0.type != Frame.windowUpdate }
            let status = pair.clientEvents.events.headerBlocks(stream).last
            let whole = pair.wireIsWhole
            let closeCode = pair.clientEvents.events.closeCode(stream)
            // A flush asked for from inside nghttp2_session_mem_send (the stream closing on its
            // trailers while draining) is deferred, not re-entered: the trailers arrive whole.
            #expect(down.map(\.type) == [Frame.headers, Frame.data, Frame.headers])
            #expect(status?.fields.first("grpc-status") == "0")
            #expect(status?.endStream == true)
            #expect(closeCode == 0)
            #expect(whole)
            // The connection closes either way (it has nothing left in flight).
            #expect(pair.withServerHTTP2 { c, _ in c.isClosed })
            #expect(pair.withGRPC { $0.calls.isEmpty })
        }
    }
}
