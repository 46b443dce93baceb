import Synchronization
import Testing
import RelayIO
@testable import RelayHTTP2
@testable import RelayRPC

// Socket-free drivers for HTTP/2 connections: a client-role HTTP2Connection and a server (a bare
// server-role HTTP2Connection, or the gRPC ServerConnection) exchange bytes through in-memory
// channels, pumped by hand on an event loop thread until nothing moves. Every frame that crosses
// is parsed and logged in order, so tests assert on frames and delegate events, not on timing.

// MARK: In-memory channel

/// A socket-less ``ByteChannel``: reads come from `inbox`, writes go to `outbox`. Loop-confined.
final class MemoryChannel: ByteChannel {
    private var inbox: [UInt8] = []
    private var inboxOffset = 0
    private(set) var outbox: [UInt8] = []
    /// The most bytes one read returns (1 feeds the connection a byte at a time).
    var readLimit = Int.max
    /// Set once the peer has closed: reads return EOF after the inbox.
    var peerClosed = false
    /// Whether the connection closed this channel.
    private(set) var isClosed = false

    var hasUnread: Bool { inboxOffset < inbox.count }

    func deliver(_ bytes: [UInt8]) {
        inbox.append(contentsOf: bytes)
    }

    func takeOutbox() -> [UInt8] {
        defer { outbox.removeAll() }
        return outbox
    }

    func read(maxBytes: Int) throws -> [UInt8]? {
        let available = inbox.count - inboxOffset
        if available == 0 { return peerClosed ? [] : nil }
        let n = min(maxBytes, readLimit, available)
        let chunk = Array(inbox[inboxOffset..<(inboxOffset + n)])
        inboxOffset += n
        if inboxOffset == inbox.count {
            inbox.removeAll(keepingCapacity: true)
            inboxOffset = 0
        }
        return chunk
    }

    /// Bytes the connection tried to write after closing the channel (a socket would refuse them).
    private(set) var writesAfterClose: [UInt8] = []

    struct ClosedError: Error {}

    func write(_ bytes: ArraySlice<UInt8>) throws -> Int {
        guard !isClosed else {
            // As a closed socket's descriptor would: EBADF. Kept so that a test can tell what was lost.
            writesAfterClose.append(contentsOf: bytes)
            throw ClosedError()
        }
        outbox.append(contentsOf: bytes)
        return bytes.count
    }

    func close() { isClosed = true }
}

// MARK: Frames

/// One HTTP/2 frame as it crossed the wire (RFC 9113 §4.1): 9-byte header, then the payload.
struct Frame: Sendable, Equatable, CustomStringConvertible {
    var type: UInt8
    var flags: UInt8
    var stream: UInt32
    var payload: [UInt8]

    static let data: UInt8 = 0x0, headers: UInt8 = 0x1, priority: UInt8 = 0x2, rstStream: UInt8 = 0x3
    static let settings: UInt8 = 0x4, pushPromise: UInt8 = 0x5, ping: UInt8 = 0x6, goAway: UInt8 = 0x7
    static let windowUpdate: UInt8 = 0x8, continuation: UInt8 = 0x9
    static let endStreamFlag: UInt8 = 0x1, ackFlag: UInt8 = 0x1, endHeadersFlag: UInt8 = 0x4

    init(type: UInt8, flags: UInt8 = 0, stream: UInt32, payload: [UInt8] = []) {
        self.type = type
        self.flags = flags
        self.stream = stream
        self.payload = payload
    }

    var length: Int { payload.count }
    var endsStream: Bool { (type == Self.data || type == Self.headers) && flags & Self.endStreamFlag != 0 }
    var isAck: Bool { (type == Self.settings || type == Self.ping) && flags & Self.ackFlag != 0 }

    /// RST_STREAM's or GOAWAY's error code.
    var errorCode: UInt32? {
        switch type {
        case Self.rstStream where payload.count == 4: return Self.u32(payload, 0)
        case Self.goAway where payload.count >= 8: return Self.u32(payload, 4)
        default: return nil
        }
    }

    /// GOAWAY's last stream id.
    var lastStreamID: UInt32? { type == Self.goAway && payload.count >= 8 ? Self.u32(payload, 0) & 0x7fff_ffff : nil }

    /// WINDOW_UPDATE's increment.
    var windowIncrement: UInt32? { type == Self.windowUpdate && payload.count == 4 ? Self.u32(payload, 0) & 0x7fff_ffff : nil }

    /// SETTINGS' parameters, in order.
    var settings: [(id: UInt16, value: UInt32)] {
        guard type == Self.settings else { return [] }
        return stride(from: 0, to: payload.count - payload.count % 6, by: 6).map {
            (UInt16(payload[$0]) << 8 | UInt16(payload[$0 + 1]), Self.u32(payload, $0 + 2))
        }
    }

    func encoded() -> [UInt8] {
        let n = payload.count
        return [UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff), type, flags]
            + Self.be32(stream & 0x7fff_ffff) + payload
    }

    static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) << 24 | UInt32(b[at + 1]) << 16 | UInt32(b[at + 2]) << 8 | UInt32(b[at + 3])
    }

    static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff)] }

    var description: String {
        let names = ["DATA", "HEADERS", "PRIORITY", "RST_STREAM", "SETTINGS", "PUSH_PROMISE", "PING", "GOAWAY", "WINDOW_UPDATE", "CONTINUATION"]
        let name = Int(type) < names.count ? names[Int(type)] : "TYPE\(type)"
        var s = "\(name)(stream \(stream), flags 0x\(String(flags, radix: 16)), \(length) bytes"
        if let code = errorCode { s += ", error \(code)" }
        if let last = lastStreamID { s += ", last \(last)" }
        if let inc = windowIncrement { s += ", +\(inc)" }
        return s + ")"
    }
}

/// Cuts a byte stream into frames; the client's stream starts with the 24-byte preface.
struct FrameParser {
    static let preface = Array("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".utf8)
    private var buffer: [UInt8] = []
    private var prefaceLeft: Int
    private(set) var badPreface = false

    init(expectsPreface: Bool) { prefaceLeft = expectsPreface ? Self.preface.count : 0 }

    mutating func feed(_ bytes: [UInt8]) -> [Frame] {
        buffer += bytes
        if prefaceLeft > 0 {
            let n = min(prefaceLeft, buffer.count)
            let start = Self.preface.count - prefaceLeft
            if Array(buffer[0..<n]) != Array(Self.preface[start..<(start + n)]) { badPreface = true }
            buffer.removeFirst(n)
            prefaceLeft -= n
        }
        var frames: [Frame] = []
        var at = 0
        while buffer.count - at >= 9 {
            let length = Int(buffer[at]) << 16 | Int(buffer[at + 1]) << 8 | Int(buffer[at + 2])
            guard buffer.count - at >= 9 + length else { break }
            frames.append(
                Frame(
                    type: buffer[at + 3], flags: buffer[at + 4], stream: Frame.u32(buffer, at + 5) & 0x7fff_ffff,
                    payload: Array(buffer[(at + 9)..<(at + 9 + length)])))
            at += 9 + length
        }
        buffer.removeFirst(at)
        return frames
    }

    var isEmpty: Bool { buffer.isEmpty }
}

/// A header block of literal fields without indexing (RFC 7541 §6.2.2), no Huffman: what a test
/// needs to write a HEADERS frame by hand.
enum HPACK {
    static func literalBlock(_ fields: [HeaderField]) -> [UInt8] {
        var out: [UInt8] = []
        for field in fields {
            out.append(0x00)
            string(Array(field.name.utf8), into: &out)
            string(Array(field.value.utf8), into: &out)
        }
        return out
    }

    private static func string(_ bytes: [UInt8], into out: inout [UInt8]) {
        integer(bytes.count, prefixBits: 7, into: &out)
        out += bytes
    }

    private static func integer(_ value: Int, prefixBits: Int, into out: inout [UInt8]) {
        let max = (1 << prefixBits) - 1
        if value < max {
            out.append(UInt8(value))
            return
        }
        out.append(UInt8(max))
        var rest = value - max
        while rest >= 128 {
            out.append(UInt8(rest % 128 + 128))
            rest /= 128
        }
        out.append(UInt8(rest))
    }
}

/// gRPC's message framing, written independently of the code under test: 1 flag byte, 4 length bytes.
enum GRPCWire {
    static func frame(_ message: [UInt8]) -> [UInt8] { [0] + Frame.be32(UInt32(message.count)) + message }

    /// Splits a response body into messages; nil if it does not end on a message boundary.
    static func messages(_ body: [UInt8]) -> [[UInt8]]? {
        var out: [[UInt8]] = []
        var at = 0
        while at < body.count {
            guard body.count - at >= 5 else { return nil }
            let n = Int(Frame.u32(body, at + 1))
            guard body.count - at - 5 >= n else { return nil }
            out.append(Array(body[(at + 5)..<(at + 5 + n)]))
            at += 5 + n
        }
        return out
    }
}

// MARK: Delegate events

/// What an HTTP2Connection reported to its delegate.
enum H2Event: Sendable, Equatable {
    case headers(stream: Int32, fields: [HeaderField], endStream: Bool)
    case data(stream: Int32, bytes: [UInt8])
    case endOfData(stream: Int32)
    case drained(stream: Int32)
    case closed(stream: Int32, errorCode: UInt32)
    case connectionClosed
}

/// Records delegate events; optionally reopens the receive window at once for DATA (as a client
/// that reads everything would). Loop-confined.
final class Recorder: HTTP2ConnectionDelegate {
    var events: [H2Event] = []
    var consumesData: Bool

    init(consumesData: Bool) { self.consumesData = consumesData }

    func http2(_ connection: HTTP2Connection, headers: [HeaderField], stream: Int32, endStream: Bool) {
        events.append(.headers(stream: stream, fields: headers, endStream: endStream))
    }

    func http2(_ connection: HTTP2Connection, data: [UInt8], stream: Int32) {
        events.append(.data(stream: stream, bytes: data))
        if consumesData { connection.consume(stream: stream, bytes: data.count) }
    }

    func http2(_ connection: HTTP2Connection, endOfData stream: Int32) { events.append(.endOfData(stream: stream)) }
    func http2(_ connection: HTTP2Connection, drained stream: Int32) { events.append(.drained(stream: stream)) }

    func http2(_ connection: HTTP2Connection, closed stream: Int32, errorCode: UInt32) {
        events.append(.closed(stream: stream, errorCode: errorCode))
    }

    func http2ConnectionClosed(_ connection: HTTP2Connection) { events.append(.connectionClosed) }
}

/// A view of the events of one stream.
extension [H2Event] {
    func on(_ stream: Int32) -> [H2Event] {
        filter {
            switch $0 {
            case .headers(let s, _, _), .data(let s, _), .endOfData(let s), .drained(let s), .closed(let s, _): s == stream
            case .connectionClosed: false
            }
        }
    }

    /// The header blocks received on `stream`.
    func headerBlocks(_ stream: Int32) -> [(fields: [HeaderField], endStream: Bool)] {
        on(stream).compactMap {
            if case .headers(_, let fields, let end) = $0 { (fields, end) } else { nil }
        }
    }

    /// The body received on `stream`.
    func body(_ stream: Int32) -> [UInt8] {
        on(stream).reduce(into: []) { if case .data(_, let bytes) = $1 { $0 += bytes } }
    }

    /// How `stream` closed, if it did.
    func closeCode(_ stream: Int32) -> UInt32? {
        for case .closed(let s, let code) in self where s == stream { return code }
        return nil
    }
}

// MARK: The pair

/// Which way a frame went.
enum Direction: Sendable { case toServer, toClient }

/// A client-role HTTP2Connection and a server, joined by two in-memory channels, on one event
/// loop. The actor's executor is that loop, so everything here (and the server's callbacks, and
/// the gRPC handlers, which prefer the loop) runs on its thread, in an order set by the loop's
/// queue alone: ``settle()`` is deterministic.
actor InMemoryPair {
    enum Server {
        /// A bare server-role HTTP2Connection whose events a recorder keeps.
        case raw(HTTP2Connection, MemoryChannel, Recorder)
        /// The gRPC server connection (its HTTP2Connection's channel is a MemoryChannel).
        case grpc(ServerConnection)
    }

    nonisolated let loop: EventLoop
    nonisolated var unownedExecutor: UnownedSerialExecutor { loop.asUnownedSerialExecutor() }

    let client: HTTP2Connection
    let clientChannel = MemoryChannel()
    let clientEvents = Recorder(consumesData: true)
    let server: Server

    /// Every frame that crossed, in the order the receiver got it.
    private(set) var wire: [(direction: Direction, frame: Frame)] = []
    private var toServerParser = FrameParser(expectsPreface: true)
    private var toClientParser = FrameParser(expectsPreface: false)
    private var serverSawEOF = false
    private var clientSawEOF = false

    /// Consecutive loop rounds in which nothing moved before the pair counts as quiet. Each round
    /// runs every job the previous one queued (handler tasks hop a few times between messages).
    static let quietRounds = 16

    init(loop: EventLoop, server: sending Server, clientSettings: HTTP2Settings) {
        self.loop = loop
        self.server = server
        client = HTTP2Connection(channel: clientChannel, peer: "in-memory server", loop: loop, role: .client, settings: clientSettings)
    }

    /// Starts both ends (no frames cross yet).
    func start() throws {
        client.delegate = clientEvents
        try client.start()
        switch server {
        case .raw(let connection, _, let recorder):
            connection.delegate = recorder
            try connection.start()
        case .grpc(let connection):
            try connection.assumeIsolated { try $0.start() }
        }
    }

    // MARK: Server access (on the loop: the gRPC connection's state is isolated to it)

    /// Runs `body` with the server's HTTP2Connection and channel (`@Sendable` only because it may
    /// enter the gRPC connection's isolation: it runs at once, on the loop).
    func withServerHTTP2<R: Sendable>(_ body: @Sendable (HTTP2Connection, MemoryChannel) throws -> R) rethrows -> R {
        switch server {
        case .raw(let connection, let channel, _):
            return try body(connection, channel)
        case .grpc(let connection):
            return try connection.assumeIsolated { c in try body(c.http2, c.http2.transport as! MemoryChannel) }
        }
    }

    /// Runs `body` isolated to the gRPC server connection.
    func withGRPC<R: Sendable>(_ body: (isolated ServerConnection) throws -> R) rethrows -> R {
        guard case .grpc(let connection) = server else { fatalError("not a gRPC pair") }
        return try connection.assumeIsolated(body)
    }

    /// The raw server's events.
    var serverEvents: [H2Event] {
        guard case .raw(_, _, let recorder) = server else { return [] }
        return recorder.events
    }

    // MARK: Pumping

    /// One exchange: the client writes, the server reads and writes, the client reads; EOF follows
    /// a closed channel. Returns whether anything moved.
    @discardableResult
    func step() -> Bool {
        var moved = sendClientToServer()
        moved = sendServerToClient() || moved
        return moved
    }

    /// The client's pending output goes to the server, which reads it (and EOF once the client closed).
    @discardableResult
    func sendClientToServer() -> Bool {
        client.flush()
        let bytes = clientChannel.takeOutbox()
        log(bytes, .toServer)
        let eof = clientChannel.isClosed && !serverSawEOF
        if eof { serverSawEOF = true }
        withServerHTTP2 { connection, channel in
            channel.deliver(bytes)
            if eof { channel.peerClosed = true }
            Self.drain(connection, channel)
        }
        return !bytes.isEmpty || eof
    }

    /// The server's pending output goes to the client, which reads it (and EOF once the server closed).
    @discardableResult
    func sendServerToClient() -> Bool {
        let (bytes, closed) = withServerHTTP2 { connection, channel in
            connection.flush()
            return (channel.takeOutbox(), channel.isClosed)
        }
        log(bytes, .toClient)
        let eof = closed && !clientSawEOF
        if eof { clientSawEOF = true }
        clientChannel.deliver(bytes)
        if eof { clientChannel.peerClosed = true }
        Self.drain(client, clientChannel)
        return !bytes.isEmpty || eof
    }

    /// Has `connection` read everything in its channel (and the EOF after it, if the peer closed).
    private static func drain(_ connection: HTTP2Connection, _ channel: MemoryChannel) {
        while !connection.isClosed {
            if channel.hasUnread {
                connection.readable()
            } else {
                if channel.peerClosed { connection.readable() }
                return
            }
        }
    }

    /// Bytes written by hand, as if the client had sent them.
    func injectToServer(_ bytes: [UInt8]) {
        // What the client had queued goes first, so the frames stay in order.
        sendClientToServer()
        log(bytes, .toServer)
        withServerHTTP2 { connection, channel in
            channel.deliver(bytes)
            Self.drain(connection, channel)
        }
    }

    /// Pumps until nothing has moved for ``quietRounds`` loop rounds in a row (a round runs the
    /// jobs the previous one queued: handler tasks, resumed continuations).
    func settle(maxRounds: Int = 100_000, sourceLocation: SourceLocation = #_sourceLocation) async {
        var idle = 0
        var rounds = 0
        while idle < Self.quietRounds {
            idle = step() ? 0 : idle + 1
            rounds += 1
            if rounds > maxRounds {
                Issue.record("the pair never became quiet", sourceLocation: sourceLocation)
                return
            }
            await nextRound()
        }
    }

    /// Lets the loop run what is queued: resumes after every job queued before this call.
    func nextRound() async {
        let loop = self.loop
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            loop.execute { done.resume() }
        }
    }

    private func log(_ bytes: [UInt8], _ direction: Direction) {
        guard !bytes.isEmpty else { return }
        let frames = direction == .toServer ? toServerParser.feed(bytes) : toClientParser.feed(bytes)
        for frame in frames { wire.append((direction, frame)) }
    }

    // MARK: Views of the wire

    func frames(_ direction: Direction) -> [Frame] { wire.filter { $0.direction == direction }.map(\.frame) }

    func frames(_ direction: Direction, stream: UInt32) -> [Frame] { frames(direction).filter { $0.stream == stream } }

    /// Whether the client's bytes began with a correct preface.
    var prefaceWasValid: Bool { !toServerParser.badPreface }

    /// Whether every byte that crossed was part of a whole frame (no torn or stray bytes).
    var wireIsWhole: Bool { toServerParser.isEmpty && toClientParser.isEmpty }

    /// Bytes either connection wrote after closing its channel (a socket would have refused them).
    var writesAfterClose: Int {
        clientChannel.writesAfterClose.count + withServerHTTP2 { _, channel in channel.writesAfterClose.count }
    }

    /// DATA payload bytes sent on `stream` toward `direction`.
    func dataBytes(_ direction: Direction, stream: UInt32) -> Int {
        frames(direction, stream: stream).filter { $0.type == Frame.data }.reduce(0) { $0 + $1.length }
    }

    /// WINDOW_UPDATE increments sent on `stream` toward `direction`.
    func windowIncrements(_ direction: Direction, stream: UInt32) -> Int {
        frames(direction, stream: stream).compactMap(\.windowIncrement).reduce(0) { $0 + Int($1) }
    }

    /// Walks the wire in order and checks that the client never sent more DATA on `stream` than its
    /// credit: `initialWindow` plus the stream WINDOW_UPDATEs it had received before. Returns the
    /// first violation, nil if there is none.
    func windowViolation(stream: UInt32, initialWindow: Int) -> String? {
        var credit = initialWindow
        var sent = 0
        for (direction, frame) in wire where frame.stream == stream {
            if direction == .toClient, let inc = frame.windowIncrement { credit += Int(inc) }
            if direction == .toServer, frame.type == Frame.data {
                sent += frame.length
                if sent > credit { return "\(sent) bytes sent with a credit of \(credit)" }
            }
        }
        return nil
    }

    // MARK: Client helpers

    /// Opens a gRPC call from the client.
    func openCall(_ path: String, extra: [HeaderField] = [], endStream: Bool = false) -> Int32? {
        client.openStream(
            headers: [
                HeaderField(":method", "POST"), HeaderField(":scheme", "http"), HeaderField(":path", path),
                HeaderField(":authority", "in-memory"), HeaderField("content-type", "application/grpc"),
                HeaderField("te", "trailers"),
            ] + extra,
            endStream: endStream)
    }

    /// Opens a stream (a gRPC call) from the client; throws if the client refuses to.
    func open(_ path: String, extra: [HeaderField] = [], endStream: Bool = false) throws -> Int32 {
        guard let stream = openCall(path, extra: extra, endStream: endStream) else { throw PairError.streamRefused }
        return stream
    }

    enum PairError: Error { case streamRefused }

    /// Queues one gRPC message on a client stream.
    func sendMessage(_ stream: Int32, _ message: [UInt8]) {
        client.sendData(stream: stream, bytes: GRPCWire.frame(message))
    }

    // MARK: Teardown

    /// Closes what is left (cancelling handlers still running) and lets the loop finish with it.
    func shutDown() async {
        closeBothEnds()
        for _ in 0..<Self.quietRounds { await nextRound() }
    }

    private func closeBothEnds() {
        if case .grpc(let connection) = server { connection.assumeIsolated { $0.closeNow() } }
        withServerHTTP2 { connection, _ in connection.close() }
        client.close()
    }
}

/// Makes the server end of a pair on its loop.
typealias ServerFactory = (EventLoop) throws -> sending InMemoryPair.Server

/// Runs `body` on a fresh event loop with a started pair; stops the loop afterwards.
func withPair(
    _ makeServer: ServerFactory,
    clientSettings: HTTP2Settings = .inMemory(),
    _ body: (isolated InMemoryPair) async throws -> Void
) async throws {
    let loop = try EventLoop(name: "in-memory-pair")
    loop.start()
    defer { loop.stop() }
    let pair = InMemoryPair(loop: loop, server: try makeServer(loop), clientSettings: clientSettings)
    try await pair.start()
    do {
        try await body(pair)
    } catch {
        await pair.shutDown()
        throw error
    }
    // Whatever the test checked, nothing may have been written to a closed channel.
    #expect(await pair.writesAfterClose == 0)
    await pair.shutDown()
}

/// A bare server-role HTTP2Connection with a recorder (`consumesData` false: the test consumes).
func rawServer(settings: HTTP2Settings = .inMemory(), consumesData: Bool = true) -> ServerFactory {
    { loop in
        let channel = MemoryChannel()
        let connection = HTTP2Connection(channel: channel, peer: "in-memory client", loop: loop, role: .server, settings: settings)
        return .raw(connection, channel, Recorder(consumesData: consumesData))
    }
}

/// The gRPC server connection for `services`, configured by `configure`.
func grpcServer(
    _ services: [any RPCService], configure: @escaping (inout RPCServerConfiguration) -> Void = { _ in }
) -> ServerFactory {
    { loop in
        var configuration = RPCServerConfiguration()
        configuration.loopCount = 1
        configuration.http2 = .inMemory()
        configure(&configuration)
        // The server is only built for its shared state (router, configuration, logger); it never starts.
        let shared = try RPCServer(configuration: configuration, services: services).shared
        return .grpc(ServerConnection(channel: MemoryChannel(), peer: "in-memory client", loop: loop, shared: shared))
    }
}

extension HTTP2Settings {
    /// Defaults without keepalive (no timers: nothing happens unless bytes move).
    static func inMemory() -> HTTP2Settings {
        var settings = HTTP2Settings()
        settings.keepaliveInterval = nil
        return settings
    }
}

// MARK: Probes for handlers

/// What handlers report to the test (from any thread).
final class Probe: Sendable {
    enum Event: Sendable, Equatable {
        case started(String)
        case read(Int)
        case ended(cancelled: Bool, error: String)
    }

    private let state = Mutex<[Event]>([])

    func record(_ event: Event) { state.withLock { $0.append(event) } }
    var events: [Event] { state.withLock { $0 } }
    var reads: Int { events.filter { if case .read = $0 { true } else { false } }.count }
}

/// A counting gate a handler waits at; the test lets it through one permit at a time.
final class Gate: Sendable {
    private struct State {
        var permits = 0
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let state = Mutex(State())

    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let ready = state.withLock { s -> Bool in
                if s.permits > 0 {
                    s.permits -= 1
                    return true
                }
                s.waiter = continuation
                return false
            }
            if ready { continuation.resume() }
        }
    }

    func release(_ count: Int = 1) {
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.permits += count
            guard s.permits > 0, let w = s.waiter else { return nil }
            s.permits -= 1
            s.waiter = nil
            return w
        }
        waiter?.resume()
    }
}
