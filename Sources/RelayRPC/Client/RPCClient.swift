public import ProtoWire
internal import RelayIO
internal import RelayHTTP2
public import RelayTLS

/// A gRPC client over one HTTP/2 (h2c) connection, shared by any number of concurrent calls.
///
/// ```swift
/// let client = try await RPCClient.connect(host: "127.0.0.1", port: 50051)
/// let reply = try await client.unary("/relay.v1.SendService/SendEmail", request, as: SendEmailResponse.self)
/// ```
public final class RPCClient: Sendable {
    let connection: ClientConnection
    private let loop: EventLoop
    private let ownsLoop: Bool

    private init(connection: ClientConnection, loop: EventLoop, ownsLoop: Bool) {
        self.connection = connection
        self.loop = loop
        self.ownsLoop = ownsLoop
    }

    /// Connects to `host:port` on a loop of its own, over TLS when `tls` is given (the server's
    /// certificate must name `host`).
    public static func connect(
        host: String, port: UInt16, tls: TLSClientContext? = nil, maxReceiveMessageSize: Int = 4 * 1024 * 1024
    ) async throws -> RPCClient {
        let loop = try EventLoop(name: "relay-client")
        loop.start()
        do {
            let socket = try Socket.connect(host: host, port: port)
            let transport: any ByteTransport = try tls.map { try $0.transport(for: socket, host: host) } ?? PlainTransport(socket: socket)
            let connection = ClientConnection(
                transport: transport, loop: loop, authority: "\(host):\(port)", scheme: tls == nil ? "http" : "https",
                maxReceiveMessageSize: maxReceiveMessageSize)
            try await connection.start()
            return RPCClient(connection: connection, loop: loop, ownsLoop: true)
        } catch {
            loop.stop()
            throw error
        }
    }

    /// Closes the connection (calls in flight fail with UNAVAILABLE).
    public func close() async {
        await connection.close()
        if ownsLoop { loop.stop() }
    }

    /// Starts a call of any kind; send with ``ClientCall/send(_:)``, read with ``ClientCall/next()``.
    public func call(_ path: String, metadata: Metadata = Metadata(), timeout: Duration? = nil) async throws(RPCError) -> ClientCall {
        let stream = try await connection.open(path: path, metadata: metadata, timeout: timeout)
        return ClientCall(connection: connection, stream: stream)
    }

    /// A unary call.
    public func unary<Req: ProtoMessage, Res: ProtoMessage>(
        _ path: String, _ request: Req, as _: Res.Type = Res.self, metadata: Metadata = Metadata(),
        timeout: Duration? = nil
    ) async throws(RPCError) -> Res {
        let call = try await call(path, metadata: metadata, timeout: timeout)
        try await call.send(request.serializedBytes())
        await call.finishSending()
        guard let bytes = try await call.next() else {
            throw RPCError(code: .internal, message: "the server sent no response message")
        }
        let response = try decodeResponse(Res.self, bytes)
        guard try await call.next() == nil else {
            throw RPCError(code: .internal, message: "the server sent more than one response message")
        }
        return response
    }

    /// A server-streaming call: every response, in order (collected).
    public func serverStreaming<Req: ProtoMessage, Res: ProtoMessage>(
        _ path: String, _ request: Req, as _: Res.Type = Res.self, metadata: Metadata = Metadata(),
        timeout: Duration? = nil
    ) async throws(RPCError) -> ResponseStream<Res> {
        let call = try await call(path, metadata: metadata, timeout: timeout)
        try await call.send(request.serializedBytes())
        await call.finishSending()
        return ResponseStream(call: call)
    }
}

/// One call in progress, over raw message bytes.
public struct ClientCall: Sendable {
    let connection: ClientConnection
    let stream: Int32

    /// Sends one request message (suspends while the server's window is full).
    public func send(_ message: [UInt8]) async throws(RPCError) { try await connection.send(stream, message) }

    /// Ends the request stream.
    public func finishSending() async { await connection.finishSending(stream) }

    /// The next response message; nil after the last one when the status is OK; throws the status otherwise.
    public func next() async throws(RPCError) -> [UInt8]? { try await connection.next(stream) }

    /// The response headers' metadata (available once the first message or the status arrived).
    public func initialMetadata() async -> Metadata { await connection.initialMetadata(stream) }

    /// Cancels the call (RST_STREAM CANCEL).
    public func cancel() async { await connection.cancel(stream) }
}

/// The responses of a streaming call, decoded as `Message`.
public struct ResponseStream<Message: ProtoMessage>: AsyncSequence, Sendable {
    /// The underlying call.
    public let call: ClientCall

    public struct AsyncIterator: AsyncIteratorProtocol {
        let call: ClientCall
        public mutating func next() async throws -> Message? {
            guard let bytes = try await call.next() else { return nil }
            return try decodeResponse(Message.self, bytes)
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(call: call) }
}

func decodeResponse<M: ProtoMessage>(_: M.Type, _ bytes: [UInt8]) throws(RPCError) -> M {
    do {
        return try M(serializedBytes: bytes, options: DecodingOptions(maxMessageSize: Int.max))
    } catch {
        throw RPCError(code: .internal, message: "malformed \(M.protoMessageName) in the response: \(error)")
    }
}
