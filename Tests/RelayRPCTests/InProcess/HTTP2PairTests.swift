import Testing
@testable import RelayHTTP2

/// A client-role and a server-role HTTP2Connection talking through memory: the connection's own
/// state machine, frames and delegate events, without sockets.
@Suite struct HTTP2PairTests {
    @Test func handshakeExchangesSettingsAndAcknowledgesThem() async throws {
        var settings = HTTP2Settings.inMemory()
        settings.maxConcurrentStreams = 7
        settings.initialWindowSize = 20_000
        settings.maxHeaderListSize = 9_000
        settings.maxFrameSize = 32_768
        settings.connectionWindowSize = 1 << 20
        try await withPair(rawServer(settings: settings)) { pair in
            await pair.settle()
            #expect(pair.prefaceWasValid == true)
            let fromServer = pair.frames(.toClient)
            let serverSettings = fromServer.filter { $0.type == Frame.settings && !$0.isAck }
            try #require(serverSettings.count == 1)
            #expect(fromServer.first == serverSettings.first, "the server speaks SETTINGS first")
            let values = Dictionary(uniqueKeysWithValues: serverSettings[0].settings.map { ($0.id, $0.value) })
            #expect(values == [0x3: 7, 0x4: 20_000, 0x6: 9_000, 0x5: 32_768])
            // The connection window is opened beyond the default 65,535 with a WINDOW_UPDATE.
            #expect(fromServer.filter { $0.stream == 0 }.compactMap(\.windowIncrement) == [(1 << 20) - 65_535])
            #expect(fromServer.filter(\.isAck).count == 1)
            let fromClient = pair.frames(.toServer)
            #expect(fromClient.first?.type == Frame.settings)
            #expect(fromClient.filter(\.isAck).count == 1)
            #expect(!pair.client.isClosed)
            #expect(pair.withServerHTTP2 { c, _ in !c.isClosed })
            #expect(pair.clientEvents.events.isEmpty && pair.serverEvents.isEmpty)
        }
    }

    @Test func streamRoundTripReportsEveryEventInOrder() async throws {
        try await withPair(rawServer()) { pair in
            await pair.settle()
            let request: [UInt8] = Array(0..<200)
            let stream = try pair.open("/x.Y/Z")
            #expect(stream == 1)
            pair.client.sendData(stream: stream, prefix: [9, 9], bytes: request)
            pair.client.endStream(stream)
            await pair.settle()

            let head = pair.serverEvents.on(stream).first
            guard case .headers(_, let fields, false) = head else {
                Issue.record("expected request headers first, got \(String(describing: head))")
                return
            }
            #expect(fields.first(":path") == "/x.Y/Z")
            #expect(fields.first(":method") == "POST")
            #expect(pair.serverEvents.body(stream) == [9, 9] + request)
            #expect(pair.serverEvents.on(stream).last == .endOfData(stream: stream))
            #expect(pair.frames(.toServer, stream: 1).map(\.type) == [Frame.headers, Frame.data])
            #expect(pair.frames(.toServer, stream: 1).last?.endsStream == true)

            pair.withServerHTTP2 { server, _ in
                server.sendHeaders(stream: stream, headers: [HeaderField(":status", "200")], endStream: false)
                server.sendData(stream: stream, bytes: [1, 2, 3])
                server.sendTrailers(stream: stream, headers: [HeaderField("grpc-status", "0")])
            }
            await pair.settle()
            let down = pair.frames(.toClient, stream: 1)
            #expect(down.map(\.type) == [Frame.headers, Frame.data, Frame.headers])
            #expect(down.map(\.endsStream) == [false, false, true])
            #expect(
                pair.clientEvents.events.on(stream) == [
                    // The request body was handed to the server, before anything came back.
                    .drained(stream: stream),
                    .headers(stream: stream, fields: [HeaderField(":status", "200")], endStream: false),
                    .data(stream: stream, bytes: [1, 2, 3]),
                    .headers(stream: stream, fields: [HeaderField("grpc-status", "0")], endStream: true),
                    .closed(stream: stream, errorCode: 0),
                ])
            #expect(pair.serverEvents.on(stream).suffix(2) == [.drained(stream: stream), .closed(stream: stream, errorCode: 0)])
            // Nothing is left of the stream on either side.
            #expect(pair.client.streams.isEmpty)
            #expect(pair.withServerHTTP2 { c, _ in c.streams.isEmpty && c.headerBlocks.isEmpty })
        }
    }

    /// The server never reopens the window by itself: DATA beyond it waits for `consume`, and each
    /// WINDOW_UPDATE gives back exactly what was consumed.
    @Test func dataBeyondTheWindowWaitsForConsume() async throws {
        let window = 16_384
        var settings = HTTP2Settings.inMemory()
        settings.initialWindowSize = UInt32(window)
        try await withPair(rawServer(settings: settings, consumesData: false)) { pair in
            await pair.settle()
            let total = 5 * window + 1_000
            let stream = try pair.open("/x.Y/Upload")
            pair.client.sendData(stream: stream, bytes: [UInt8](repeating: 0xAB, count: total))
            pair.client.endStream(stream)
            await pair.settle()
            #expect(pair.dataBytes(.toServer, stream: 1) == window, "the client stops at the initial window")
            #expect(pair.windowIncrements(.toClient, stream: 1) == 0)

            var consumed = 0
            var rounds = 0
            while pair.serverEvents.body(stream).count < total, rounds < 20 {
                rounds += 1
                let received = pair.serverEvents.body(stream).count
                let stalled = pair.dataBytes(.toServer, stream: 1)
                // Nothing moves until the server consumes.
                await pair.settle()
                #expect(pair.dataBytes(.toServer, stream: 1) == stalled)
                let fresh = received - consumed
                pair.withServerHTTP2 { c, _ in c.consume(stream: stream, bytes: fresh) }
                let increments = pair.windowIncrements(.toClient, stream: 1)
                await pair.settle()
                #expect(pair.windowIncrements(.toClient, stream: 1) - increments == received - consumed)
                consumed = received
                #expect(pair.windowViolation(stream: 1, initialWindow: window) == nil)
            }
            #expect(pair.serverEvents.body(stream).count == total)
            #expect(pair.serverEvents.on(stream).last == .endOfData(stream: stream))
            #expect(pair.windowViolation(stream: 1, initialWindow: window) == nil)
        }
    }

    /// RST_STREAM from the client closes the stream on both sides with its code; the connection
    /// goes on and a later stream works.
    @Test func resetClosesOneStreamOnly() async throws {
        try await withPair(rawServer()) { pair in
            await pair.settle()
            let first = try pair.open("/x.Y/A")
            pair.client.sendData(stream: first, bytes: [1])
            await pair.settle()
            pair.client.reset(stream: first, code: .cancel)
            await pair.settle()
            #expect(pair.frames(.toServer, stream: 1).last?.type == Frame.rstStream)
            #expect(pair.frames(.toServer, stream: 1).last?.errorCode == HTTP2ErrorCode.cancel.rawValue)
            #expect(pair.serverEvents.closeCode(first) == HTTP2ErrorCode.cancel.rawValue)
            #expect(pair.clientEvents.events.closeCode(first) == HTTP2ErrorCode.cancel.rawValue)
            #expect(pair.withServerHTTP2 { c, _ in c.streams.isEmpty })

            let second = try pair.open("/x.Y/B", endStream: true)
            await pair.settle()
            pair.withServerHTTP2 { c, _ in c.sendHeaders(stream: second, headers: [HeaderField(":status", "200")], endStream: true) }
            await pair.settle()
            #expect(pair.clientEvents.events.closeCode(second) == 0)
            #expect(pair.frames(.toClient).allSatisfy { $0.type != Frame.goAway })
        }
    }
}
