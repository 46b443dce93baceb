internal import RelayHTTP2
internal import RelayIO
internal import RelayGzip
internal import ProtoWire

/// One HTTP/2 client connection and its calls, isolated to the connection's event loop (the same
/// pattern as the server's ``ServerConnection``).
actor ClientConnection {
    nonisolated let loop: EventLoop
    nonisolated var unownedExecutor: UnownedSerialExecutor { loop.asUnownedSerialExecutor() }
    let http2: HTTP2Connection
    let authority: String
    let scheme: String
    let maxReceiveMessageSize: Int
    var calls: [Int32: ClientCallState] = [:]
    var closed = false

    init(transport: sending any ByteTransport, loop: EventLoop, authority: String, scheme: String, maxReceiveMessageSize: Int) {
        self.loop = loop
        self.authority = authority
        self.scheme = scheme
        self.maxReceiveMessageSize = maxReceiveMessageSize
        http2 = HTTP2Connection(transport: transport, loop: loop, role: .client)
    }

    func start() throws {
        http2.delegate = ClientBridge(owner: self)
        try http2.start()
    }

    func close() {
        http2.goAway()
        http2.flush()
        http2.close()
    }

    // MARK: Calls

    func open(path: String, metadata: Metadata, timeout: Duration?) throws(RPCError) -> Int32 {
        guard !closed else { throw RPCError(code: .unavailable, message: "the connection is closed") }
        var fields = [
            HeaderField(":method", "POST"), HeaderField(":scheme", scheme), HeaderField(":path", path),
            HeaderField(":authority", authority), HeaderField("content-type", "application/grpc"),
            HeaderField("te", "trailers"), HeaderField("user-agent", "relay-swift/0.1"),
            HeaderField("grpc-accept-encoding", "gzip,identity"),
        ]
        if let timeout {
            let ns = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
            fields.append(HeaderField("grpc-timeout", GRPCTimeout(nanoseconds: ns).headerValue))
        }
        Trailers.append(metadata, to: &fields)
        guard let stream = http2.openStream(headers: fields) else {
            throw RPCError(code: .unavailable, message: "the connection refused a new stream")
        }
        let state = ClientCallState(maxMessageSize: maxReceiveMessageSize)
        calls[stream] = state
        if let timeout {
            state.deadlineTimer = loop.schedule(after: timeout) { [self] in
                self.assumeIsolated { $0.expire(stream) }
            }
        }
        return stream
    }

    func send(_ stream: Int32, _ message: [UInt8]) async throws(RPCError) {
        guard let call = calls[stream], call.status == nil else {
            throw calls[stream]?.status ?? RPCError(code: .cancelled, message: "the call is over")
        }
        var prefix: [UInt8] = []
        GRPCFrame.appendPrefix(compressed: false, length: message.count, to: &prefix)
        http2.sendData(stream: stream, prefix: prefix, bytes: message)
        if http2.pendingBytes(stream: stream) > 256 * 1024 {
            do {
                // The state is checked again where the waiter is stored: the call may have ended
                // (or drained) between this job and the continuation's body.
                try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                    if let status = call.status {
                        continuation.resume(throwing: status)
                    } else if http2.pendingBytes(stream: stream) <= 256 * 1024 {
                        continuation.resume()
                    } else {
                        call.writeWaiter = continuation
                    }
                }
            } catch {
                throw error as? RPCError ?? RPCError(code: .cancelled, message: "the call is over")
            }
        }
    }

    func finishSending(_ stream: Int32) {
        guard calls[stream] != nil else { return }
        http2.endStream(stream)
    }

    func next(_ stream: Int32) async throws(RPCError) -> [UInt8]? {
        guard let call = calls[stream] else { throw RPCError(code: .cancelled, message: "the call is over") }
        if call.hasQueuedMessage {
            let message = call.dequeue()
            reopenWindow(stream, call)
            return message
        }
        if let status = call.status {
            calls[stream] = nil
            if status.code == .ok { return nil }
            throw status
        }
        do {
            return try await withCheckedThrowingContinuation { continuation in
                if call.hasQueuedMessage {
                    let message = call.dequeue()
                    continuation.resume(returning: message)
                } else if let status = call.status {
                    calls[stream] = nil
                    if status.code == .ok { continuation.resume(returning: nil) } else { continuation.resume(throwing: status) }
                } else {
                    call.readWaiter = continuation
                }
            }
        } catch {
            throw error as? RPCError ?? RPCError(code: .cancelled, message: "the call is over")
        }
    }

    func initialMetadata(_ stream: Int32) -> Metadata { calls[stream]?.initialMetadata ?? Metadata() }

    func cancel(_ stream: Int32) {
        guard let call = calls[stream], call.status == nil else { return }
        http2.reset(stream: stream, code: .cancel)
        call.discardQueue()
        complete(call, stream: stream, RPCError(code: .cancelled, message: "the call was cancelled"))
    }

    private func expire(_ stream: Int32) {
        guard let call = calls[stream], call.status == nil else { return }
        http2.reset(stream: stream, code: .cancel)
        call.discardQueue()
        complete(call, stream: stream, RPCError(code: .deadlineExceeded, message: "the deadline expired"))
    }

    private func complete(_ call: ClientCallState, stream: Int32, _ status: RPCError) {
        guard call.status == nil else { return }
        call.status = status
        call.trailingMetadata = status.trailingMetadata
        if let timer = call.deadlineTimer { loop.cancel(timer) }
        if let waiter = call.readWaiter {
            call.readWaiter = nil
            if call.hasQueuedMessage {
                let message = call.dequeue()
                waiter.resume(returning: message)
            } else if status.code == .ok {
                calls[stream] = nil
                waiter.resume(returning: nil)
            } else {
                calls[stream] = nil
                waiter.resume(throwing: status)
            }
        }
        if let waiter = call.writeWaiter {
            call.writeWaiter = nil
            waiter.resume(throwing: status)
        }
    }

    // MARK: Events

    func onHeaders(_ fields: [HeaderField], stream: Int32, endStream: Bool) {
        guard let call = calls[stream] else { return }
        if !call.receivedHead {
            call.receivedHead = true
            let status = Int(fields.first(":status") ?? "") ?? 0
            if status != 200 {
                complete(call, stream: stream, RPCError(code: StatusCode(httpStatus: status), message: "HTTP status \(status)"))
                return
            }
            call.compressed = fields.first("grpc-encoding") == "gzip"
            call.initialMetadata = ResponseFields.metadata(fields)
            if !endStream { return }
        }
        complete(call, stream: stream, ResponseFields.status(fields))
    }

    func onData(_ bytes: [UInt8], stream: Int32) {
        guard let call = calls[stream], call.status == nil else {
            http2.consume(stream: stream, bytes: bytes.count)
            return
        }
        call.receivedBytes += bytes.count
        call.deframer.append(bytes)
        do {
            while let frame = try call.deframer.next() {
                var payload = frame.payload
                if frame.compressed {
                    payload = try Gzip.decompress(payload, limit: maxReceiveMessageSize).get()
                }
                if let waiter = call.readWaiter {
                    call.readWaiter = nil
                    waiter.resume(returning: payload)
                } else {
                    call.queue.append((payload, frame.payload.count + 5))
                    call.queuedBytes += frame.payload.count + 5
                }
            }
            reopenWindow(stream, call)
        } catch let error as DeframingError {
            http2.reset(stream: stream, code: .cancel)
            complete(call, stream: stream, error.rpcError)
        } catch let error as RPCError {
            http2.reset(stream: stream, code: .cancel)
            complete(call, stream: stream, error)
        } catch {
            http2.reset(stream: stream, code: .cancel)
            complete(call, stream: stream, RPCError(code: .internal, message: "could not read the response"))
        }
    }

    /// Reopens the window for every received byte except those of messages not yet read.
    private func reopenWindow(_ stream: Int32, _ call: ClientCallState) {
        let allowed = call.receivedBytes - call.queuedBytes
        if allowed > call.consumedBytes {
            http2.consume(stream: stream, bytes: allowed - call.consumedBytes)
            call.consumedBytes = allowed
        }
    }

    func onClosed(stream: Int32, errorCode: UInt32) {
        guard let call = calls[stream], call.status == nil else { return }
        // grpc's HTTP/2 error code mapping (PROTOCOL-HTTP2.md).
        let code: StatusCode =
            switch HTTP2ErrorCode(rawValue: errorCode) {
            case .refusedStream?: .unavailable
            case .cancel?: .cancelled
            case .enhanceYourCalm?: .resourceExhausted
            case .inadequateSecurity?: .permissionDenied
            default: .internal
            }
        complete(call, stream: stream, RPCError(code: code, message: "the stream closed without a status (HTTP/2 error \(errorCode))"))
    }

    func onDrained(stream: Int32) {
        if let waiter = calls[stream]?.writeWaiter {
            calls[stream]?.writeWaiter = nil
            waiter.resume()
        }
    }

    func onConnectionClosed() {
        closed = true
        for (stream, call) in calls where call.status == nil {
            complete(call, stream: stream, RPCError(code: .unavailable, message: "the connection closed"))
        }
    }
}

/// The state of one client call.
final class ClientCallState {
    var deframer: MessageDeframer
    var queue: [(message: [UInt8], wireSize: Int)] = []
    var queueHead = 0
    var receivedBytes = 0
    var queuedBytes = 0
    var consumedBytes = 0
    var receivedHead = false
    var compressed = false
    var initialMetadata = Metadata()
    var trailingMetadata = Metadata()
    var status: RPCError?
    var readWaiter: CheckedContinuation<[UInt8]?, any Error>?
    var writeWaiter: CheckedContinuation<Void, any Error>?
    var deadlineTimer: TimerHandle?

    init(maxMessageSize: Int) { deframer = MessageDeframer(maxMessageSize: maxMessageSize) }

    var hasQueuedMessage: Bool { queueHead < queue.count }

    /// Drops messages not yet read (the caller cancelled or the deadline expired).
    func discardQueue() {
        queue.removeAll()
        queueHead = 0
    }

    func dequeue() -> [UInt8] {
        let (message, wireSize) = queue[queueHead]
        queueHead += 1
        queuedBytes -= wireSize
        if queueHead == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
        }
        return message
    }
}

/// Reads statuses and metadata out of response header blocks.
enum ResponseFields {
    static func metadata(_ fields: [HeaderField]) -> Metadata {
        var metadata = Metadata()
        for field in fields where !field.name.hasPrefix(":") && !Metadata.isReserved(field.name) {
            if field.name.hasSuffix("-bin"), let bytes = Base64.decode(field.value) {
                metadata.add(field.name, binary: bytes)
            } else {
                metadata.add(field.name, field.value)
            }
        }
        return metadata
    }

    /// The call's status from its trailers (`.ok` is an RPCError with code OK here).
    static func status(_ fields: [HeaderField]) -> RPCError {
        guard let raw = fields.first("grpc-status"), let value = Int32(raw) else {
            return RPCError(code: .unknown, message: "the response ended without grpc-status")
        }
        var error = RPCError(code: StatusCode(wireValue: value), message: PercentEncoding.decode(fields.first("grpc-message") ?? ""))
        if let details = fields.first("grpc-status-details-bin"), let bytes = Base64.decode(details),
            let status = try? Google.Rpc.Status(serializedBytes: bytes)
        {
            error.details = status.details
        }
        error.trailingMetadata = metadata(fields)
        return error
    }
}

/// Forwards nghttp2's callbacks into the client connection actor (same thread).
final class ClientBridge: HTTP2ConnectionDelegate {
    let owner: ClientConnection

    init(owner: ClientConnection) { self.owner = owner }

    func http2(_ connection: HTTP2Connection, headers: [HeaderField], stream: Int32, endStream: Bool) {
        owner.assumeIsolated { $0.onHeaders(headers, stream: stream, endStream: endStream) }
    }

    func http2(_ connection: HTTP2Connection, data: [UInt8], stream: Int32) {
        owner.assumeIsolated { $0.onData(data, stream: stream) }
    }

    func http2(_ connection: HTTP2Connection, endOfData stream: Int32) {}

    func http2(_ connection: HTTP2Connection, drained stream: Int32) {
        owner.assumeIsolated { $0.onDrained(stream: stream) }
    }

    func http2(_ connection: HTTP2Connection, closed stream: Int32, errorCode: UInt32) {
        owner.assumeIsolated { $0.onClosed(stream: stream, errorCode: errorCode) }
    }

    func http2ConnectionClosed(_ connection: HTTP2Connection) {
        owner.assumeIsolated { $0.onConnectionClosed() }
    }
}
