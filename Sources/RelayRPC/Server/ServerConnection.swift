internal import Logging
internal import RelayGzip
internal import RelayHTTP2
internal import RelayIO

/// The gRPC side of one HTTP/2 server connection: turns streams into calls, runs their handlers
/// as tasks on the connection's event loop, and writes their responses and statuses.
///
/// The actor's executor is the connection's event loop, so nghttp2's callbacks (which run on that
/// loop) enter it synchronously with `assumeIsolated`, and handlers preferring the loop reach it
/// without a thread hop.
actor ServerConnection {
    nonisolated let loop: EventLoop
    nonisolated var unownedExecutor: UnownedSerialExecutor { loop.asUnownedSerialExecutor() }
    let http2: HTTP2Connection
    let shared: ServerShared
    /// What interceptors keep for the connection's lifetime (see ``ServerContext/connection``).
    let connectionValues = ConnectionValues()
    var calls: [Int32: ServerCall] = [:]
    var draining = false

    init(socket: Socket, loop: EventLoop, shared: ServerShared) {
        self.loop = loop
        self.shared = shared
        self.http2 = HTTP2Connection(transport: PlainTransport(socket: socket), loop: loop, role: .server, settings: shared.configuration.http2)
    }

    init(transport: sending any ByteTransport, loop: EventLoop, shared: ServerShared) {
        self.loop = loop
        self.shared = shared
        self.http2 = HTTP2Connection(transport: transport, loop: loop, role: .server, settings: shared.configuration.http2)
    }

    /// A connection on a channel that no socket backs (bytes in memory), for driving the server
    /// without I/O: after ``start()`` (on the loop), hand it received bytes through the channel and
    /// `http2.readable()`, and take its output with `http2.flush()` (see `ByteChannel`).
    init(channel: sending any ByteChannel, peer: String, loop: EventLoop, shared: ServerShared) {
        self.loop = loop
        self.shared = shared
        self.http2 = HTTP2Connection(channel: channel, peer: peer, loop: loop, role: .server, settings: shared.configuration.http2)
    }

    /// Starts serving (loop thread).
    func start() throws {
        http2.delegate = ConnectionBridge(owner: self)
        try http2.start()
    }

    /// Stops accepting new calls (GOAWAY); calls in flight go on.
    func beginDrain() {
        draining = true
        http2.goAway()
        if calls.isEmpty { http2.flush() }
    }

    /// Cancels every call and closes the connection.
    func closeNow() {
        for call in calls.values { cancel(call, RPCError(code: .unavailable, message: "the server is shutting down")) }
        http2.close()
    }

    var openCallCount: Int { calls.count }

    // MARK: Events from HTTP/2

    func onHeaders(_ fields: [HeaderField], stream: Int32, endStream: Bool) {
        if let call = calls[stream] {
            // Client trailers: the request is over.
            endRequest(call)
            return
        }
        guard !draining else {
            http2.reset(stream: stream, code: .refusedStream)
            return
        }
        let request = RequestHead(fields)
        let method: RPCMethod
        switch request.route(shared.router) {
        case .success(let found): method = found
        case .failure(let rejection):
            respondBeforeCall(stream: stream, rejection)
            return
        }
        let call = ServerCall(
            stream: stream, method: method, maxMessageSize: shared.configuration.maxReceiveMessageSize,
            compressed: request.encoding == "gzip")
        call.responseEncoding = request.acceptsGzip && shared.configuration.compressResponses ? "gzip" : nil
        calls[stream] = call
        let handle = CallHandle(connection: self, stream: stream)
        let deadline = request.timeout.map { ContinuousClock.now + $0.duration }
        call.context = ServerContext(
            path: request.path, peer: http2.peer, metadata: request.metadata, deadline: deadline,
            requestID: request.requestID, serverLogger: shared.logger, connection: connectionValues,
            response: ResponseMetadata(call: handle))
        if let timeout = request.timeout {
            call.deadlineTimer = loop.schedule(after: timeout.duration) { [self] in
                self.assumeIsolated { $0.deadlineExpired(stream) }
            }
        }
        if endStream { call.requestEnded = true }
        if !method.kind.singleRequest || endStream { startHandler(call) }
    }

    func onData(_ bytes: [UInt8], stream: Int32) {
        guard let call = calls[stream], !call.finished else {
            http2.consume(stream: stream, bytes: bytes.count)
            return
        }
        call.receivedBytes += bytes.count
        call.deframer.append(bytes)
        do {
            while let frame = try call.deframer.next() {
                var payload = frame.payload
                if frame.compressed {
                    guard call.compressed else {
                        fail(call, RPCError(code: .internal, message: "a compressed message arrived without grpc-encoding"))
                        return
                    }
                    payload = try Gzip.decompress(payload, limit: shared.configuration.maxReceiveMessageSize).get()
                }
                if let waiter = call.readWaiter {
                    call.readWaiter = nil
                    waiter.resume(returning: payload)
                } else {
                    call.queue.append((payload, frame.payload.count + 5))
                    call.queuedBytes += frame.payload.count + 5
                }
            }
        } catch let error as DeframingError {
            fail(call, error.rpcError)
            return
        } catch let error as RPCError {
            fail(call, error)
            return
        } catch {
            fail(call, RPCError(code: .internal, message: "could not read the request"))
            return
        }
        reopenWindow(call)
    }

    func onEndOfData(stream: Int32) {
        guard let call = calls[stream] else { return }
        endRequest(call)
    }

    func onClosed(stream: Int32, errorCode: UInt32) {
        guard let call = calls.removeValue(forKey: stream) else { return }
        // Give back the connection window of request bytes nobody will read.
        if call.receivedBytes > call.consumedBytes {
            http2.consume(stream: stream, bytes: call.receivedBytes - call.consumedBytes)
        }
        if !call.finished {
            call.finished = true
            cancel(call, RPCError(code: .cancelled, message: "the client cancelled the call"))
            log(call, code: .cancelled)
        }
        if draining && calls.isEmpty { http2.flush() }
    }

    func onDrained(stream: Int32) {
        if let waiter = calls[stream]?.writeWaiter {
            calls[stream]?.writeWaiter = nil
            waiter.resume()
        }
    }

    // MARK: Calls

    private func endRequest(_ call: ServerCall) {
        call.requestEnded = true
        do {
            try call.deframer.finish()
        } catch {
            fail(call, RPCError(code: .internal, message: "the request ended inside a message"))
            return
        }
        if let waiter = call.readWaiter {
            call.readWaiter = nil
            waiter.resume(returning: nil)
        }
        if !call.handlerStarted { startHandler(call) }
    }

    private func reopenWindow(_ call: ServerCall) {
        // Bytes of messages the handler has not read yet stay unconsumed: that is the backpressure
        // of streaming calls. A single-request call is bounded by the message size limit and its
        // handler starts only at END_STREAM, so its window is always given back at once.
        let allowed = call.method.kind.singleRequest ? call.receivedBytes : call.receivedBytes - call.queuedBytes
        if allowed > call.consumedBytes {
            http2.consume(stream: call.stream, bytes: allowed - call.consumedBytes)
            call.consumedBytes = allowed
        }
    }

    private func startHandler(_ call: ServerCall) {
        guard !call.handlerStarted, !call.finished, let context = call.context else { return }
        call.handlerStarted = true
        let handle = CallHandle(connection: self, stream: call.stream)
        let requests = RequestStream<[UInt8]>(call: handle) { $0 }
        let responses = ResponseWriter<[UInt8]>(call: handle) { $0 }
        let handler = call.method.handler
        let interceptors = shared.interceptors
        let stream = call.stream
        call.task = Task(executorPreference: loop.taskExecutor) {
            var outcome: RPCError?
            do {
                try await Self.run(interceptors[...], context) { ctx in
                    try await handler(requests, responses, ctx)
                }
            } catch {
                outcome = Self.status(for: error, context: context)
            }
            await self.finish(stream, outcome)
        }
    }

    private nonisolated(nonsending) static func run(
        _ interceptors: ArraySlice<any ServerInterceptor>, _ context: ServerContext,
        _ handler: nonisolated(nonsending) @escaping @Sendable (ServerContext) async throws -> Void
    ) async throws {
        guard let first = interceptors.first else { return try await handler(context) }
        let rest = interceptors.dropFirst()
        // The last interceptor calls the handler itself: no closure and no frame in between.
        if rest.isEmpty { return try await first.intercept(context: context, next: handler) }
        try await first.intercept(context: context) { ctx in try await run(rest, ctx, handler) }
    }

    /// Turns any error a handler throws into a status: the one place this happens.
    static func status(for error: any Error, context: ServerContext) -> RPCError {
        switch error {
        case let e as RPCError: return e
        case let e as any RPCErrorConvertible: return e.rpcError(for: context)
        case is CancellationError: return RPCError(code: .cancelled, message: "the call was cancelled")
        default:
            context.logger.error("handler failed: \(String(reflecting: error))")
            return RPCError(code: .internal, message: "internal error")
        }
    }

    /// Sends the call's status (and headers first if none were sent): the end of the call.
    func finish(_ stream: Int32, _ error: RPCError?) {
        guard let call = calls[stream], !call.finished else { return }
        call.finished = true
        if let timer = call.deadlineTimer { loop.cancel(timer) }
        var trailers = Trailers.fields(for: error, metadata: call.trailingMetadata)
        if call.headersSent {
            http2.sendTrailers(stream: stream, headers: trailers)
        } else {
            trailers.insert(contentsOf: Trailers.responseHead(encoding: nil, metadata: call.initialMetadata), at: 0)
            http2.sendHeaders(stream: stream, headers: trailers, endStream: true)
        }
        if !call.requestEnded {
            // The response is complete; stop the client's upload.
            http2.resetAfterResponse(stream: stream)
        }
        if let waiter = call.writeWaiter {
            call.writeWaiter = nil
            waiter.resume(throwing: error ?? RPCError(code: .cancelled, message: "the call is over"))
        }
        log(call, code: error?.code ?? .ok)
    }

    private func fail(_ call: ServerCall, _ error: RPCError) {
        cancel(call, error)
        finish(call.stream, error)
    }

    private func cancel(_ call: ServerCall, _ error: RPCError) {
        call.task?.cancel()
        if let waiter = call.readWaiter {
            call.readWaiter = nil
            waiter.resume(throwing: error)
        }
        if let waiter = call.writeWaiter {
            call.writeWaiter = nil
            waiter.resume(throwing: error)
        }
    }

    private func deadlineExpired(_ stream: Int32) {
        guard let call = calls[stream], !call.finished else { return }
        call.deadlineTimer = nil
        fail(call, RPCError(code: .deadlineExceeded, message: "the deadline expired"))
    }

    private func respondBeforeCall(stream: Int32, _ rejection: RequestHead.Rejection) {
        switch rejection {
        case .http(let status):
            http2.sendHeaders(stream: stream, headers: [HeaderField(":status", "\(status)")], endStream: true)
        case .grpc(let error, let extra):
            var fields = Trailers.responseHead(encoding: nil, metadata: Metadata())
            fields += extra
            fields += Trailers.fields(for: error, metadata: Metadata())
            http2.sendHeaders(stream: stream, headers: fields, endStream: true)
        }
    }

    private func log(_ call: ServerCall, code: StatusCode) {
        guard let context = call.context, context.logLevel <= .info else { return }
        let elapsed = ContinuousClock.now - call.started
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        context.logger.info(
            "rpc",
            metadata: ["rpc.status": "\(code)", "rpc.duration_us": "\(micros)", "net.peer": "\(context.peer)"])
    }

    // MARK: Handler operations (called from handler tasks)

    func nextMessage(_ stream: Int32) async throws -> [UInt8]? {
        guard let call = calls[stream] else { throw RPCError(code: .cancelled, message: "the call is over") }
        if call.hasQueuedMessage {
            let message = call.dequeue()
            reopenWindow(call)
            return message
        }
        if call.requestEnded { return nil }
        if call.finished { throw RPCError(code: .cancelled, message: "the call is over") }
        // Checked again where the waiter is stored: a message or the end may have arrived meanwhile.
        return try await withCheckedThrowingContinuation { continuation in
            if call.hasQueuedMessage {
                let message = call.dequeue()
                reopenWindow(call)
                continuation.resume(returning: message)
            } else if call.requestEnded {
                continuation.resume(returning: nil)
            } else if call.finished {
                continuation.resume(throwing: RPCError(code: .cancelled, message: "the call is over"))
            } else {
                call.readWaiter = continuation
            }
        }
    }

    func write(_ stream: Int32, _ message: [UInt8]) async throws {
        guard let call = calls[stream], !call.finished else {
            throw RPCError(code: .cancelled, message: "the call is over")
        }
        if !call.headersSent {
            call.headersSent = true
            http2.sendHeaders(
                stream: stream, headers: Trailers.responseHead(encoding: call.responseEncoding, metadata: call.initialMetadata),
                endStream: false)
        }
        var prefix: [UInt8] = []
        prefix.reserveCapacity(5)
        if call.responseEncoding == "gzip", message.count >= shared.configuration.compressionThreshold {
            let compressed = try Gzip.compress(message).get()
            GRPCFrame.appendPrefix(compressed: true, length: compressed.count, to: &prefix)
            http2.sendData(stream: stream, prefix: prefix, bytes: compressed)
        } else {
            GRPCFrame.appendPrefix(compressed: false, length: message.count, to: &prefix)
            http2.sendData(stream: stream, prefix: prefix, bytes: message)
        }
        if http2.pendingBytes(stream: stream) > shared.configuration.streamOutputHighWater {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if call.finished {
                    continuation.resume(throwing: RPCError(code: .cancelled, message: "the call is over"))
                } else if http2.pendingBytes(stream: stream) <= shared.configuration.streamOutputHighWater {
                    continuation.resume()
                } else {
                    call.writeWaiter = continuation
                }
            }
        }
    }

    func addInitialMetadata(_ stream: Int32, _ metadata: Metadata) {
        guard let call = calls[stream], !call.headersSent else { return }
        for (key, value) in metadata { call.initialMetadata.append(key, value) }
    }

    func addTrailingMetadata(_ stream: Int32, _ metadata: Metadata) {
        guard let call = calls[stream] else { return }
        for (key, value) in metadata { call.trailingMetadata.append(key, value) }
    }

    func connectionClosed() {
        shared.connectionClosed(self)
    }
}

/// Forwards nghttp2's synchronous callbacks into the connection actor (same thread).
final class ConnectionBridge: HTTP2ConnectionDelegate {
    let owner: ServerConnection

    init(owner: ServerConnection) { self.owner = owner }

    func http2(_ connection: HTTP2Connection, headers: [HeaderField], stream: Int32, endStream: Bool) {
        owner.assumeIsolated { $0.onHeaders(headers, stream: stream, endStream: endStream) }
    }

    func http2(_ connection: HTTP2Connection, data: [UInt8], stream: Int32) {
        owner.assumeIsolated { $0.onData(data, stream: stream) }
    }

    func http2(_ connection: HTTP2Connection, endOfData stream: Int32) {
        owner.assumeIsolated { $0.onEndOfData(stream: stream) }
    }

    func http2(_ connection: HTTP2Connection, drained stream: Int32) {
        owner.assumeIsolated { $0.onDrained(stream: stream) }
    }

    func http2(_ connection: HTTP2Connection, closed stream: Int32, errorCode: UInt32) {
        owner.assumeIsolated { $0.onClosed(stream: stream, errorCode: errorCode) }
    }

    func http2ConnectionClosed(_ connection: HTTP2Connection) {
        owner.assumeIsolated { $0.connectionClosed() }
    }
}

extension Result where Failure == Gzip.Failure {
    /// The value, or the gRPC status for a compression failure.
    func get() throws(RPCError) -> Success {
        switch self {
        case .success(let value): return value
        case .failure(.tooLarge(let limit)):
            throw RPCError(code: .resourceExhausted, message: "decompressed message exceeds the limit of \(limit) bytes")
        case .failure(.corrupt):
            throw RPCError(code: .internal, message: "the compressed message is corrupt")
        case .failure(.zlib(let code)):
            throw RPCError(code: .internal, message: "compression failed (zlib \(code))")
        }
    }
}

extension Gzip {
    static func decompress(_ bytes: [UInt8], limit: Int) -> Result<[UInt8], Gzip.Failure> {
        Result { () throws(Gzip.Failure) in try Gzip.decompress(bytes, limit: limit) }
    }

    static func compress(_ bytes: [UInt8]) -> Result<[UInt8], Gzip.Failure> {
        Result { () throws(Gzip.Failure) in try Gzip.compress(bytes, level: 6) }
    }
}

extension DeframingError {
    var rpcError: RPCError {
        switch self {
        case .messageTooLarge(let length, let limit):
            RPCError(code: .resourceExhausted, message: "request message of \(length) bytes exceeds the limit of \(limit) bytes")
        case .invalidFlag(let flag):
            RPCError(code: .internal, message: "invalid message flag \(flag)")
        case .truncated:
            RPCError(code: .internal, message: "the request ended inside a message")
        }
    }
}
