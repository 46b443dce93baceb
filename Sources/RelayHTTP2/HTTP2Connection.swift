internal import CNGHTTP2
public import RelayIO

/// What an HTTP/2 connection reports to the layer above (gRPC), on the loop thread.
public protocol HTTP2ConnectionDelegate: AnyObject {
    /// A complete HEADERS block arrived: request headers (server), response headers or trailers (client).
    func http2(_ connection: HTTP2Connection, headers: [HeaderField], stream: Int32, endStream: Bool)
    /// DATA arrived. Call ``HTTP2Connection/consume(stream:bytes:)`` once it is processed, to reopen
    /// the flow-control window.
    func http2(_ connection: HTTP2Connection, data: [UInt8], stream: Int32)
    /// The peer ended its side of the stream with a DATA frame.
    func http2(_ connection: HTTP2Connection, endOfData stream: Int32)
    /// Everything queued on `stream` has been handed to the peer (writers waiting on it may go on).
    func http2(_ connection: HTTP2Connection, drained stream: Int32)
    /// The stream is closed (normally, or reset with `errorCode`).
    func http2(_ connection: HTTP2Connection, closed stream: Int32, errorCode: UInt32)
    /// The connection is closed; no more events follow.
    func http2ConnectionClosed(_ connection: HTTP2Connection)
}

/// Where a connection reads and writes its bytes, saying nothing of what carries them.
///
/// This is the sans-I/O seam of ``HTTP2Connection``. A ``ByteTransport`` adds the socket that
/// the event loop watches, and the loop drives the connection. A channel without a socket (bytes
/// in memory, as the in-process tests use) is driven by its owner instead, on the loop thread:
/// - ``HTTP2Connection/start()`` creates the nghttp2 session, queues the initial SETTINGS and
///   writes them, but registers nothing with the loop (and the connection never touches a
///   descriptor afterwards);
/// - to hand the connection received bytes, make them what ``read(maxBytes:)`` returns and call
///   ``HTTP2Connection/readable()`` (return `[]` from `read` for the peer's EOF);
/// - ``HTTP2Connection/flush()`` turns everything pending into frames and hands them to
///   ``write(_:)``; what `write` does not take stays buffered until the next `flush()` (no
///   `writable()` event comes without a socket);
/// - ``close()`` is called once, when the connection closes (by its owner, at EOF or on an error).
/// The flushes the connection schedules itself still run on the loop (``EventLoop/executeSoon(_:)``),
/// so the owner must let the loop run (and keepalive timers fire, unless `keepaliveInterval` is nil).
public protocol ByteChannel: AnyObject {
    /// Reads available plaintext; nil when nothing is available, empty at EOF.
    func read(maxBytes: Int) throws -> [UInt8]?
    /// Writes plaintext; returns how many bytes were taken (0 when the socket is full).
    func write(_ bytes: ArraySlice<UInt8>) throws -> Int
    /// Closes the channel (the socket).
    func close()
    /// Whether nothing can be written until the peer sends something (a TLS handshake in progress).
    var waitsForPeer: Bool { get }
}

extension ByteChannel {
    public var waitsForPeer: Bool { false }
}

/// Where the connection reads and writes its bytes: a plain socket, or TLS on top of one.
public protocol ByteTransport: ByteChannel {
    /// The socket, for registration with the loop.
    var socket: Socket { get }
}

/// A plain TCP transport (h2c).
public final class PlainTransport: ByteTransport {
    public let socket: Socket
    private var buffer: [UInt8] = []

    /// Wraps a connected socket.
    public init(socket: Socket) { self.socket = socket }

    public func read(maxBytes: Int) throws -> [UInt8]? {
        guard let n = try socket.read(into: &buffer, maxBytes: maxBytes) else { return nil }
        return n == 0 ? [] : buffer
    }

    public func write(_ bytes: ArraySlice<UInt8>) throws -> Int { try socket.write(bytes) }
    public func close() { socket.close() }
}

/// One HTTP/2 connection driven by nghttp2 on an event loop: frames, HPACK, flow control, GOAWAY.
///
/// Loop-thread only. Received frames become delegate calls; ``sendHeaders(stream:headers:endStream:)``,
/// ``sendData(stream:bytes:)`` and ``sendTrailers(stream:headers:)`` queue output, and the
/// connection writes it in as few `send` calls as possible, once per loop iteration.
///
/// Over a ``ByteTransport`` the loop watches the socket and calls ``readable()`` and
/// ``writable()``. Over a socket-less ``ByteChannel`` (``init(channel:peer:loop:role:settings:)``)
/// the owner calls ``readable()`` and ``flush()`` itself: see ``ByteChannel`` for that seam.
public final class HTTP2Connection: IOHandler {
    /// Which side of the connection this is.
    public enum Role: Sendable { case server, client }

    public let loop: EventLoop
    public let role: Role
    /// Where the bytes go: a ``ByteTransport`` in production, a socket-less channel in tests.
    public let transport: any ByteChannel
    /// The socket's descriptor, watched by the loop; nil on a socket-less channel.
    private let descriptor: Int32?
    /// Receives the connection's events; released when the connection closes.
    public var delegate: (any HTTP2ConnectionDelegate)?
    public let settings: HTTP2Settings
    /// The peer's address, for logs.
    public let peer: String

    var session: OpaquePointer?
    var streams: [Int32: OutboundStream] = [:]
    private var output: [UInt8] = []
    private var outputOffset = 0
    private var flushScheduled = false
    private var wantsWritable = false
    private var inCallback = false
    /// Set while `nghttp2_session_mem_send` runs: its callbacks (a stream closing) may ask for a
    /// flush, which must not re-enter it (nghttp2 would pack frames into the buffer it is
    /// returning, and free items it still reads).
    private var sending = false
    private(set) public var isClosed = false
    private var lastReceive = ContinuousClock.now
    private var pingSentAt: ContinuousClock.Instant?
    private var keepaliveTimer: TimerHandle?
    var headerBlocks: [Int32: HeaderBlock] = [:]

    /// Creates the connection on a socket. ``start()`` sends the initial SETTINGS and registers it.
    public init(transport: any ByteTransport, loop: EventLoop, role: Role, settings: HTTP2Settings = HTTP2Settings()) {
        self.transport = transport
        self.descriptor = transport.socket.fd
        self.loop = loop
        self.role = role
        self.settings = settings
        self.peer = transport.socket.peerDescription()
    }

    /// Creates a connection on a channel that no socket backs (bytes in memory): nothing is ever
    /// registered with the loop, and the owner drives it with ``readable()`` and ``flush()`` on
    /// the loop thread (see ``ByteChannel``). `peer` names the other end, for logs.
    package init(
        channel: any ByteChannel, peer: String, loop: EventLoop, role: Role, settings: HTTP2Settings = HTTP2Settings()
    ) {
        self.transport = channel
        self.descriptor = nil
        self.loop = loop
        self.role = role
        self.settings = settings
        self.peer = peer
    }

    deinit {
        if let session { nghttp2_session_del(session) }
    }

    /// Creates the nghttp2 session, queues the SETTINGS frame, starts reading (on a socket: a
    /// socket-less channel is read when its owner calls ``readable()``) and writes the SETTINGS.
    public func start() throws {
        try openSession()
        if let descriptor { try loop.register(descriptor, handler: self) }
        if let interval = settings.keepaliveInterval { scheduleKeepalive(interval) }
        flush()
    }

    /// The part of ``start()`` that does no I/O: creates the nghttp2 session and queues the initial
    /// SETTINGS (and the connection window's WINDOW_UPDATE) for the next ``flush()``.
    package func openSession() throws {
        precondition(session == nil, "the session is opened once")
        session = try NGHTTP2Session.make(for: self)
        try NGHTTP2Session.submitSettings(self)
    }

    private func scheduleKeepalive(_ interval: Duration) {
        keepaliveTimer = loop.schedule(after: interval) { [weak self] in self?.keepaliveTick(interval) }
    }

    /// Pings an idle peer; closes the connection when a ping went unanswered for a whole interval.
    private func keepaliveTick(_ interval: Duration) {
        guard !isClosed, let session else { return }
        if let sent = pingSentAt {
            if lastReceive < sent {
                goAway(code: .noError)
                flush()
                close()
                return
            }
            pingSentAt = nil
        }
        if ContinuousClock.now - lastReceive >= interval {
            nghttp2_submit_ping(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), nil)
            pingSentAt = ContinuousClock.now
            flush()
        }
        scheduleKeepalive(interval)
    }

    // MARK: IOHandler

    /// Reads what the transport has and processes it (frames become delegate calls), then flushes.
    public func readable() {
        guard !isClosed, let session else { return }
        while true {
            let chunk: [UInt8]?
            do {
                chunk = try transport.read(maxBytes: 64 * 1024)
            } catch {
                close()
                return
            }
            guard let chunk else { break }
            if chunk.isEmpty {
                close()
                return
            }
            lastReceive = ContinuousClock.now
            inCallback = true
            let rc = chunk.withUnsafeBufferPointer { nghttp2_session_mem_recv(session, $0.baseAddress, $0.count) }
            inCallback = false
            if rc < 0 {
                // A protocol error: nghttp2 has queued a GOAWAY; send it, then close.
                flush()
                close()
                return
            }
            if chunk.count < 64 * 1024 { break }
        }
        flush()
    }

    public func writable() {
        flush()
    }

    // MARK: Sending

    /// Sends response headers (server) or request headers (client: use ``openStream(headers:endStream:)``).
    /// With `endStream`, the stream ends with these headers (a Trailers-Only response).
    public func sendHeaders(stream: Int32, headers: [HeaderField], endStream: Bool) {
        guard let session, !isClosed else { return }
        var out = streams[stream] ?? OutboundStream()
        let provider = endStream ? nil : NGHTTP2Session.dataProvider()
        out.headersSent = true
        streams[stream] = out
        NGHTTP2Session.withNameValues(headers) { nva, count in
            if var provider {
                _ = nghttp2_submit_response(session, stream, nva, count, &provider)
            } else {
                _ = nghttp2_submit_response(session, stream, nva, count, nil)
            }
        }
        scheduleFlush()
    }

    /// Opens a client stream with request headers; returns its id, or nil if the session refuses.
    public func openStream(headers: [HeaderField], endStream: Bool = false) -> Int32? {
        guard let session, !isClosed else { return nil }
        var provider = NGHTTP2Session.dataProvider()
        let id = NGHTTP2Session.withNameValues(headers) { nva, count in
            endStream ? nghttp2_submit_request(session, nil, nva, count, nil, nil)
                : nghttp2_submit_request(session, nil, nva, count, &provider, nil)
        }
        guard id > 0 else { return nil }
        var out = OutboundStream()
        out.headersSent = true
        streams[id] = out
        scheduleFlush()
        return id
    }

    /// Queues body bytes on `stream`: `prefix` then `bytes` (saves the caller a copy to join them).
    public func sendData(stream: Int32, prefix: [UInt8] = [], bytes: [UInt8]) {
        guard let session, !isClosed, var out = streams[stream] else { return }
        if out.pending.isEmpty && prefix.isEmpty {
            out.pending = bytes
        } else {
            out.pending.append(contentsOf: prefix)
            out.pending.append(contentsOf: bytes)
        }
        let deferred = out.deferred
        out.deferred = false
        streams[stream] = out
        if deferred { nghttp2_session_resume_data(session, stream) }
        scheduleFlush()
    }

    /// Ends `stream` with trailers once its queued data is sent.
    public func sendTrailers(stream: Int32, headers: [HeaderField]) {
        guard let session, !isClosed, var out = streams[stream] else { return }
        out.trailers = headers
        let deferred = out.deferred
        out.deferred = false
        streams[stream] = out
        if deferred { nghttp2_session_resume_data(session, stream) }
        scheduleFlush()
    }

    /// Ends `stream` (client side: the request body is complete) once its queued data is sent.
    public func endStream(_ stream: Int32) {
        guard let session, !isClosed, var out = streams[stream] else { return }
        out.endRequested = true
        let deferred = out.deferred
        out.deferred = false
        streams[stream] = out
        if deferred { nghttp2_session_resume_data(session, stream) }
        scheduleFlush()
    }

    /// Bytes queued on `stream` and not yet handed to nghttp2.
    public func pendingBytes(stream: Int32) -> Int { streams[stream].map { $0.pending.count - $0.offset } ?? 0 }

    /// Resets `stream`.
    public func reset(stream: Int32, code: HTTP2ErrorCode) {
        guard let session, !isClosed else { return }
        nghttp2_submit_rst_stream(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), stream, code.rawValue)
        scheduleFlush()
    }

    /// Resets `stream` with NO_ERROR right after its response has ended (to stop a client's upload
    /// that the server no longer reads); nghttp2 would otherwise send the reset ahead of the trailers.
    public func resetAfterResponse(stream: Int32) {
        guard !isClosed, var out = streams[stream] else { return }
        out.resetAfterEnd = true
        streams[stream] = out
    }

    /// Reopens `bytes` of receive window on `stream` (and on the connection).
    public func consume(stream: Int32, bytes: Int) {
        guard let session, !isClosed, bytes > 0 else { return }
        nghttp2_session_consume(session, stream, bytes)
        scheduleFlush()
    }

    /// Sends GOAWAY: no new streams are accepted; streams in flight may finish.
    public func goAway(code: HTTP2ErrorCode = .noError) {
        guard let session, !isClosed else { return }
        nghttp2_submit_goaway(session, UInt8(NGHTTP2_FLAG_NONE.rawValue), nghttp2_session_get_last_proc_stream_id(session), code.rawValue, nil, 0)
        scheduleFlush()
    }

    /// Closes the connection now.
    public func close() {
        guard !isClosed else { return }
        isClosed = true
        if let timer = keepaliveTimer { loop.cancel(timer) }
        if let descriptor { loop.deregister(descriptor) }
        transport.close()
        let open = Array(streams.keys)
        streams.removeAll()
        // The connection's end first, so that calls learn why their streams end with it.
        delegate?.http2ConnectionClosed(self)
        for id in open { delegate?.http2(self, closed: id, errorCode: HTTP2ErrorCode.cancel.rawValue) }
        delegate = nil
    }

    // MARK: Output

    func scheduleFlush() {
        guard !flushScheduled, !inCallback else { return }
        flushScheduled = true
        loop.executeSoon { [self] in
            self.flushScheduled = false
            self.flush()
        }
    }

    /// Produces frames into the output buffer and writes what the socket takes.
    public func flush() {
        guard let session, !isClosed, !inCallback else { return }
        guard !sending else {
            scheduleFlush()
            return
        }
        while true {
            while output.count - outputOffset < settings.outputHighWater {
                var ptr: UnsafePointer<UInt8>?
                sending = true
                let n = nghttp2_session_mem_send(session, &ptr)
                sending = false
                if n < 0 {
                    close()
                    return
                }
                if n == 0 { break }
                output.append(contentsOf: UnsafeBufferPointer(start: ptr, count: n))
            }
            if outputOffset == output.count { break }
            let written: Int
            do {
                written = try transport.write(output[outputOffset...])
            } catch {
                close()
                return
            }
            outputOffset += written
            if outputOffset == output.count {
                output.removeAll(keepingCapacity: output.capacity <= 1 << 20)
                outputOffset = 0
                continue
            }
            if written == 0 { break }
            // A partial write: TLS takes one record (16 KiB) per write, so write on until the
            // socket is full, dropping what was sent (or the buffer would keep the whole stream).
            if outputOffset >= 64 * 1024 {
                output.removeFirst(outputOffset)
                outputOffset = 0
            }
        }
        // While a TLS handshake waits for the peer, readiness to write would only spin the loop.
        let needWritable = outputOffset < output.count && !transport.waitsForPeer
        if needWritable != wantsWritable {
            wantsWritable = needWritable
            if let descriptor { try? loop.setWritableInterest(descriptor, needWritable) }
        }
        if nghttp2_session_want_read(session) == 0, nghttp2_session_want_write(session) == 0, output.isEmpty {
            close()
        }
    }
}

/// What is queued to send on one stream.
struct OutboundStream {
    var pending: [UInt8] = []
    var offset = 0
    var trailers: [HeaderField]?
    var endRequested = false
    var deferred = false
    var headersSent = false
    var resetAfterEnd = false
}

/// Headers of one HEADERS block being received.
struct HeaderBlock {
    var fields: [HeaderField] = []
    var size = 0
    var tooLarge = false
}
