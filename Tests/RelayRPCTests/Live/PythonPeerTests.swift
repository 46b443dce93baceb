import Foundation
import Testing
import ProtoWire
import RelayRPC
import RelayTLS
import RelayTestSupport

/// A Python grpcio server for the test service (Tests/interop/py_test_server.py), started for the
/// duration of `body`, which gets our client connected to it: over TLS when `tls` (the peer makes a
/// throwaway certificate for localhost, which the client trusts), else over h2c.
private func withPythonPeer<R>(tls: Bool, _ body: (RPCClient) async throws -> R) async throws -> R {
    let script = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("interop/py_test_server.py")
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", script.path] + (tls ? ["--tls"] : [])
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { process.terminate() }
    var line: [UInt8] = []
    let handle = output.fileHandleForReading
    while true {
        let byte = try handle.read(upToCount: 1) ?? Data()
        guard let b = byte.first else { throw RPCError(code: .unavailable, message: "the Python peer exited") }
        if b == UInt8(ascii: "\n") { break }
        line.append(b)
    }
    // "listening on 127.0.0.1:PORT", and over TLS " tls-cert=PATH" (the certificate to trust).
    let text = String(decoding: line, as: UTF8.self)
    let words = text.split(separator: " ")
    let port = try #require(words.count >= 3 ? words[2].split(separator: ":").last.flatMap { UInt16($0) } : nil,
                            "unexpected line: \(text)")
    var context: TLSClientContext?
    if tls {
        let cert = try #require(words.first { $0.hasPrefix("tls-cert=") }?.dropFirst("tls-cert=".count), "no certificate: \(text)")
        context = try TLSClientContext(trustedCertificatesPath: String(cert))
    }
    // The certificate names localhost (and 127.0.0.1); the client checks the host name it connects to.
    let client = try await RPCClient.connect(
        host: tls ? "localhost" : "127.0.0.1", port: port, tls: context, maxReceiveMessageSize: 8 << 20)
    defer { Task { await client.close() } }
    return try await body(client)
}

@Suite(.serialized) struct PythonPeerTests {
    @Test(arguments: [false, true]) func ourClientTalksToGrpcioInEveryCallKind(tls: Bool) async throws {
        try await withPythonPeer(tls: tls) { client in
            var request = EchoRequest()
            request.text = "héllo"
            let unary = try await client.unary("/relay.test.TestService/Unary", request, as: EchoResponse.self, timeout: .seconds(10))
            #expect(unary.text == "héllo")

            request.repeat = 4
            var indices: [Int32] = []
            for try await r in try await client.serverStreaming("/relay.test.TestService/ServerStream", request, as: EchoResponse.self) {
                indices.append(r.index)
            }
            #expect(indices == [0, 1, 2, 3])

            let upload = try await client.call("/relay.test.TestService/ClientStream", timeout: .seconds(10))
            for text in ["a", "b"] {
                var r = EchoRequest()
                r.text = text
                try await upload.send(r.serializedBytes())
            }
            await upload.finishSending()
            let summary = try EchoResponse(serializedBytes: try #require(try await upload.next()))
            #expect(summary.text == "a,b")
            #expect(try await upload.next() == nil)

            let chat = try await client.call("/relay.test.TestService/Bidi", timeout: .seconds(10))
            for i in 0..<3 {
                var r = EchoRequest()
                r.text = "m\(i)"
                try await chat.send(r.serializedBytes())
                let echoed = try EchoResponse(serializedBytes: try #require(try await chat.next()))
                #expect(echoed.text == "m\(i)")
            }
            await chat.finishSending()
            #expect(try await chat.next() == nil)
        }
    }

    @Test(arguments: [false, true]) func statusesDetailsMetadataDeadlinesAndLargeMessagesFromGrpcio(tls: Bool) async throws {
        try await withPythonPeer(tls: tls) { client in
            var failing = EchoRequest()
            failing.statusCode = StatusCode.failedPrecondition.rawValue
            failing.statusMessage = "not yet: 100% ünïcode"
            failing.details = true
            failing.echoMetadata = true
            var metadata = Metadata()
            metadata.add("x-trace", "t-1")
            do {
                _ = try await client.unary("/relay.test.TestService/Unary", failing, as: EchoResponse.self, metadata: metadata, timeout: .seconds(10))
                Issue.record("expected FAILED_PRECONDITION")
            } catch let error as RPCError {
                #expect(error.code == .failedPrecondition)
                #expect(error.message == "not yet: 100% ünïcode")
                #expect(error.detail(Google.Rpc.ErrorInfo.self)?.reason == "TEST_REASON")
                #expect(error.trailingMetadata.first("trailer-x-trace") == "t-1")
            }

            var echo = EchoRequest()
            echo.echoMetadata = true
            let call = try await client.call("/relay.test.TestService/Unary", metadata: metadata, timeout: .seconds(10))
            try await call.send(echo.serializedBytes())
            await call.finishSending()
            let response = try EchoResponse(serializedBytes: try #require(try await call.next()))
            #expect(response.metadata["x-trace"] == "t-1")
            #expect(await call.initialMetadata().first("echo-x-trace") == "t-1")

            var slow = EchoRequest()
            slow.delayMs = 2_000
            do {
                _ = try await client.unary("/relay.test.TestService/Unary", slow, as: EchoResponse.self, timeout: .milliseconds(200))
                Issue.record("expected DEADLINE_EXCEEDED")
            } catch let error as RPCError {
                #expect(error.code == .deadlineExceeded)
            }

            var big = EchoRequest()
            big.payload = [UInt8](repeating: 3, count: 4 * 1024 * 1024)
            let echoed = try await client.unary("/relay.test.TestService/Unary", big, as: EchoResponse.self, timeout: .seconds(20))
            #expect(echoed.payload.count == big.payload.count)
        }
    }
}
