import Foundation
import Testing
import ProtoWire
import RelayRPC
import RelayIO
import RelayTestSupport

/// A server with the test service, health and reflection, on an ephemeral port.
private func withServer<R>(
    _ body: (UInt16) async throws -> R, configure: (inout RPCServerConfiguration) -> Void = { _ in }
) async throws -> R {
    var config = RPCServerConfiguration()
    config.port = 0
    config.loopCount = 1
    configure(&config)
    let server = try RPCServer(configuration: config, services: [TestService(), HealthService()])
    try server.start()
    do {
        let result = try await body(server.port)
        await server.shutdown(grace: .seconds(1))
        return result
    } catch let error as RPCError {
        await server.shutdown(grace: .seconds(1))
        throw error
    }
}

private let unaryPath = "/relay.test.TestService/Unary"

@Suite(.serialized) struct LiveRPCTests {
    @Test func unaryRoundTripsThroughOurServerAndClient() async throws {
        try await withServer { port in
            let client = try await RPCClient.connect(host: "127.0.0.1", port: port)
            defer { Task { await client.close() } }
            var request = EchoRequest()
            request.text = "héllo"
            request.payload = [0, 1, 2, 255]
            let response = try await client.unary(unaryPath, request, as: EchoResponse.self, timeout: .seconds(5))
            #expect(response.text == "héllo")
            #expect(response.payload == [0, 1, 2, 255])
        }
    }

    @Test func everyCallKindWorks() async throws {
        try await withServer { port in
            let client = try await RPCClient.connect(host: "127.0.0.1", port: port)
            defer { Task { await client.close() } }
            var request = EchoRequest()
            request.text = "s"
            request.repeat = 5
            var indices: [Int32] = []
            for try await r in try await client.serverStreaming("/relay.test.TestService/ServerStream", request, as: EchoResponse.self) {
                indices.append(r.index)
            }
            #expect(indices == [0, 1, 2, 3, 4])

            let upload = try await client.call("/relay.test.TestService/ClientStream")
            for text in ["a", "b", "c"] {
                var r = EchoRequest()
                r.text = text
                try await upload.send(r.serializedBytes())
            }
            await upload.finishSending()
            let summary = try EchoResponse(serializedBytes: try #require(try await upload.next()))
            #expect(summary.text == "a,b,c")
            #expect(summary.index == 3)
            #expect(try await upload.next() == nil)

            let chat = try await client.call("/relay.test.TestService/Bidi")
            for i in 0..<3 {
                var r = EchoRequest()
                r.text = "m\(i)"
                try await chat.send(r.serializedBytes())
                let echoed = try EchoResponse(serializedBytes: try #require(try await chat.next()))
                #expect(echoed.text == "m\(i)")
                #expect(echoed.index == Int32(i))
            }
            await chat.finishSending()
            #expect(try await chat.next() == nil)
        }
    }

    @Test func statusesCarryMessageDetailsAndMetadata() async throws {
        try await withServer { port in
            let client = try await RPCClient.connect(host: "127.0.0.1", port: port)
            defer { Task { await client.close() } }
            for code in StatusCode.allCases where code != .ok {
                var request = EchoRequest()
                request.statusCode = code.rawValue
                request.statusMessage = "failed: 100% ünïcode"
                request.details = true
                request.echoMetadata = true
                var metadata = Metadata()
                metadata.add("x-trace", "abc")
                metadata.add("x-blob-bin", binary: [0, 200, 255])
                do {
                    _ = try await client.unary(unaryPath, request, as: EchoResponse.self, metadata: metadata)
                    Issue.record("expected \(code)")
                } catch let error as RPCError {
                    #expect(error.code == code)
                    #expect(error.message == "failed: 100% ünïcode")
                    #expect(error.detail(Google.Rpc.ErrorInfo.self)?.reason == "TEST_REASON")
                    #expect(error.detail(Google.Rpc.BadRequest.self)?.fieldViolations.first?.field == "text")
                    #expect(error.trailingMetadata.first("trailer-x-trace") == "abc")
                    #expect(error.trailingMetadata.values("trailer-x-blob-bin") == [.binary([0, 200, 255])])
                }
            }
        }
    }

    @Test func unknownMethodsAndServicesAreUnimplemented() async throws {
        try await withServer { port in
            let client = try await RPCClient.connect(host: "127.0.0.1", port: port)
            defer { Task { await client.close() } }
            for path in ["/relay.test.TestService/Nope", "/no.Such/Thing"] {
                do {
                    _ = try await client.unary(path, EchoRequest(), as: EchoResponse.self)
                    Issue.record("expected UNIMPLEMENTED for \(path)")
                } catch let error as RPCError {
                    #expect(error.code == .unimplemented)
                }
            }
        }
    }

    @Test func deadlinesExpireOnBothSides() async throws {
        try await withServer { port in
            let client = try await RPCClient.connect(host: "127.0.0.1", port: port)
            defer { Task { await client.close() } }
            var slow = EchoRequest()
            slow.delayMs = 2_000
            let start = ContinuousClock.now
            do {
                _ = try await client.unary(unaryPath, slow, as: EchoResponse.self, timeout: .milliseconds(100))
                Issue.record("expected DEADLINE_EXCEEDED")
            } catch let error as RPCError {
                #expect(error.code == .deadlineExceeded)
            }
            #expect(ContinuousClock.now - start < .seconds(1))
            // The server still serves.
            let ok = try await client.unary(unaryPath, EchoRequest(), as: EchoResponse.self, timeout: .seconds(5))
            #expect(ok.text == "")
        }
    }

    @Test func largeMessagesUpToTheLimitAndNotBeyond() async throws {
        try await withServer { port in
            let client = try await RPCClient.connect(host: "127.0.0.1", port: port, maxReceiveMessageSize: 8 << 20)
            defer { Task { await client.close() } }
            var big = EchoRequest()
            big.payload = [UInt8](repeating: 7, count: 4 * 1024 * 1024 - 64)
            let echoed = try await client.unary(unaryPath, big, as: EchoResponse.self, timeout: .seconds(20))
            #expect(echoed.payload.count == big.payload.count)
            var tooBig = EchoRequest()
            tooBig.payload = [UInt8](repeating: 7, count: 4 * 1024 * 1024 + 1)
            do {
                _ = try await client.unary(unaryPath, tooBig, as: EchoResponse.self, timeout: .seconds(20))
                Issue.record("expected RESOURCE_EXHAUSTED")
            } catch let error as RPCError {
                #expect(error.code == .resourceExhausted)
            }
        }
    }

    @Test func manyConcurrentCallsShareOneConnection() async throws {
        try await withServer { port in
            let client = try await RPCClient.connect(host: "127.0.0.1", port: port)
            defer { Task { await client.close() } }
            let texts = try await withThrowingTaskGroup(of: String.self) { group in
                for i in 0..<300 {
                    group.addTask {
                        var r = EchoRequest()
                        r.text = "\(i)"
                        return try await client.unary(unaryPath, r, as: EchoResponse.self, timeout: .seconds(10)).text
                    }
                }
                var all: Set<String> = []
                for try await t in group { all.insert(t) }
                return all
            }
            #expect(texts == Set((0..<300).map(String.init)))
        }
    }

    @Test func cancellingAStreamLeavesTheServerServing() async throws {
        try await withServer { port in
            let client = try await RPCClient.connect(host: "127.0.0.1", port: port)
            defer { Task { await client.close() } }
            var request = EchoRequest()
            request.repeat = 1_000_000
            let stream = try await client.serverStreaming("/relay.test.TestService/ServerStream", request, as: EchoResponse.self)
            var seen = 0
            for try await _ in stream {
                seen += 1
                if seen == 10 { break }
            }
            await stream.call.cancel()
            do {
                _ = try await stream.call.next()
                Issue.record("expected CANCELLED")
            } catch let error as RPCError {
                #expect(error.code == .cancelled)
            }
            let ok = try await client.unary(unaryPath, EchoRequest(), as: EchoResponse.self, timeout: .seconds(5))
            #expect(ok.index == 0)
        }
    }
}

@Suite(.serialized) struct GracefulShutdownTests {
    @Test func inFlightCallsFinishNewConnectionsAreRefused() async throws {
        var config = RPCServerConfiguration()
        config.port = 0
        config.loopCount = 1
        let server = try RPCServer(configuration: config, services: [TestService()])
        try server.start()
        let port = server.port
        let client = try await RPCClient.connect(host: "127.0.0.1", port: port)
        var slow = EchoRequest()
        slow.text = "finishing"
        slow.delayMs = 300
        async let inFlight = client.unary("/relay.test.TestService/Unary", slow, as: EchoResponse.self, timeout: .seconds(10))
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        await server.shutdown(grace: .seconds(5))
        // The call in flight was allowed to finish; shutdown waited for it, not for the whole grace.
        #expect(try await inFlight.text == "finishing")
        #expect(ContinuousClock.now - started < .seconds(3))
        await client.close()
        // The listener is closed.
        #expect(throws: IOError.self) { try Socket.connect(host: "127.0.0.1", port: port).close() }
    }

    @Test func callsStillRunningAfterTheGraceAreCancelled() async throws {
        var config = RPCServerConfiguration()
        config.port = 0
        config.loopCount = 1
        let server = try RPCServer(configuration: config, services: [TestService()])
        try server.start()
        let client = try await RPCClient.connect(host: "127.0.0.1", port: server.port)
        var stuck = EchoRequest()
        stuck.delayMs = 30_000
        async let inFlight = client.unary("/relay.test.TestService/Unary", stuck, as: EchoResponse.self, timeout: .seconds(20))
        try await Task.sleep(for: .milliseconds(100))
        let started = ContinuousClock.now
        await server.shutdown(grace: .milliseconds(300))
        #expect(ContinuousClock.now - started < .seconds(3))
        do {
            _ = try await inFlight
            Issue.record("a call outliving the grace period should fail")
        } catch let error as RPCError {
            #expect(error.code == .unavailable, "\(error)")
        }
        await client.close()
    }
}

