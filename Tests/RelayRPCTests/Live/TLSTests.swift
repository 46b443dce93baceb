import Foundation
import Testing
import ProtoWire
import RelayRPC
import RelayTLS
import RelayTestSupport

/// A self-signed certificate for `localhost` and 127.0.0.1, made with the openssl command.
private func makeCertificate() throws -> (cert: String, key: String) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("relay-tls-\(UInt32.random(in: 0...UInt32.max))")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let cert = dir.appendingPathComponent("cert.pem").path
    let key = dir.appendingPathComponent("key.pem").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
        "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1", "-keyout", key, "-out", cert,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try #require(process.terminationStatus == 0, "openssl req failed")
    return (cert, key)
}

@Suite(.serialized) struct TLSTests {
    @Test func ourClientAndServerSpeakGRPCOverTLS() async throws {
        let (cert, key) = try makeCertificate()
        var config = RPCServerConfiguration()
        config.port = 0
        config.loopCount = 1
        config.tls = try TLSServerContext(certificateChainPath: cert, privateKeyPath: key)
        let server = try RPCServer(configuration: config, services: [TestService()])
        try server.start()
        defer { Task { await server.shutdown(grace: .seconds(1)) } }

        let client = try await RPCClient.connect(
            host: "localhost", port: server.port, tls: try TLSClientContext(trustedCertificatesPath: cert))
        var request = EchoRequest()
        request.text = "over tls"
        request.payload = [UInt8](repeating: 9, count: 1_000_000)
        let response = try await client.unary("/relay.test.TestService/Unary", request, as: EchoResponse.self, timeout: .seconds(10))
        #expect(response.text == "over tls")
        #expect(response.payload.count == 1_000_000)
        await client.close()

        // A client that does not trust the certificate cannot call.
        let untrusting = try await RPCClient.connect(host: "localhost", port: server.port, tls: try TLSClientContext())
        do {
            _ = try await untrusting.unary("/relay.test.TestService/Unary", request, as: EchoResponse.self, timeout: .seconds(5))
            Issue.record("a client that does not trust the certificate got an answer")
        } catch {
            #expect(error.code == .unavailable, "\(error)")
        }
        await untrusting.close()
    }

    @Test func aMissingKeyIsATypedError() {
        #expect(throws: TLSError.self) {
            try TLSServerContext(certificateChainPath: "/nonexistent/cert.pem", privateKeyPath: "/nonexistent/key.pem")
        }
    }
}
