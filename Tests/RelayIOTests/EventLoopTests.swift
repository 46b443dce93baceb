import Synchronization
import Testing
@testable import RelayIO

/// Waits on a loop-produced value without blocking the cooperative pool.
private func onLoop<T: Sendable>(_ loop: EventLoop, _ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        loop.execute { continuation.resume(returning: body()) }
    }
}

@Suite struct EventLoopTests {
    @Test func runsClosuresInOrderOnItsThread() async throws {
        let loop = try EventLoop(name: "test-order")
        loop.start()
        defer { loop.stop() }
        let seen = Mutex<[Int]>([])
        for i in 0..<100 { loop.execute { seen.withLock { $0.append(i) } } }
        let inLoop = await onLoop(loop) { loop.inLoop }
        #expect(inLoop)
        #expect(!loop.inLoop)
        #expect(seen.withLock { $0 } == Array(0..<100))
    }

    @Test func timersFireInDeadlineOrderAndCancelledOnesDoNot() async throws {
        let loop = try EventLoop(name: "test-timers")
        loop.start()
        defer { loop.stop() }
        let fired = Mutex<[String]>([])
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            loop.execute {
                loop.schedule(after: .milliseconds(30)) { fired.withLock { $0.append("30") } }
                loop.schedule(after: .milliseconds(10)) { fired.withLock { $0.append("10") } }
                let cancelled = loop.schedule(after: .milliseconds(20)) { fired.withLock { $0.append("20") } }
                loop.cancel(cancelled)
                loop.schedule(after: .milliseconds(50)) { done.resume() }
            }
        }
        #expect(fired.withLock { $0 } == ["10", "30"])
    }

    @Test func tasksPreferringTheLoopRunOnItsThread() async throws {
        let loop = try EventLoop(name: "test-executor")
        loop.start()
        defer { loop.stop() }
        let results = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<50 {
                group.addTask(executorPreference: loop.taskExecutor) {
                    await Task.yield()
                    return loop.inLoop
                }
            }
            var all: [Bool] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(results.count == 50)
        #expect(results.allSatisfy { $0 })
    }
}

/// Echoes every byte back; used to drive the loop with a real TCP connection.
private final class EchoConnection: IOHandler {
    let socket: Socket
    let loop: EventLoop
    var buffer: [UInt8] = []
    init(socket: Socket, loop: EventLoop) {
        self.socket = socket
        self.loop = loop
    }
    func readable() {
        while true {
            guard let n = try? socket.read(into: &buffer, maxBytes: 4096) else { return }
            if n == 0 {
                loop.deregister(socket.fd)
                socket.close()
                return
            }
            var sent = 0
            while sent < n { sent += (try? socket.write(buffer[sent..<n])) ?? n }
        }
    }
    func writable() {}
}

private final class Acceptor: IOHandler {
    let listener: Socket
    let loop: EventLoop
    var connections: [EchoConnection] = []
    init(listener: Socket, loop: EventLoop) {
        self.listener = listener
        self.loop = loop
    }
    func readable() {
        while let conn = try? listener.accept() {
            let echo = EchoConnection(socket: conn, loop: loop)
            connections.append(echo)
            try? loop.register(conn.fd, handler: echo)
        }
    }
    func writable() {}
}

@Suite struct SocketTests {
    @Test func echoesOverRealTCPOnAnEphemeralPort() async throws {
        let loop = try EventLoop(name: "test-echo")
        loop.start()
        defer { loop.stop() }
        let listener = try Socket.listen(host: "127.0.0.1", port: 0)
        let port = try listener.localPort()
        #expect(port != 0)
        let registered = await onLoop(loop) { () -> Bool in
            // The acceptor lives as long as the loop's handler table holds it.
            (try? loop.register(listener.fd, handler: Acceptor(listener: listener, loop: loop))) != nil
        }
        #expect(registered)

        let client = try Socket.connect(host: "127.0.0.1", port: port)
        defer { client.close() }
        let message = Array("hello, relay".utf8) + [UInt8](repeating: 0xAB, count: 100_000)
        var sent = 0
        var received: [UInt8] = []
        var chunk: [UInt8] = []
        let deadline = ContinuousClock.now + .seconds(10)
        while received.count < message.count, ContinuousClock.now < deadline {
            if sent < message.count { sent += try client.write(message[sent...]) }
            if let n = try client.read(into: &chunk, maxBytes: 65536), n > 0 { received += chunk }
            else { try await Task.sleep(for: .milliseconds(1)) }
        }
        #expect(received == message)
        #expect(client.peerDescription() == "127.0.0.1:\(port)")
    }

    @Test func rejectsAnInvalidHost() {
        #expect(throws: IOError.self) { try Socket.listen(host: "not-an-ip", port: 0) }
    }
}
