internal import Logging
internal import RelayIO
internal import RelayTLS
internal import Synchronization

/// Accepts connections on one loop's listener.
///
/// When the process runs out of descriptors (or kernel memory) the listener stays readable while
/// `accept` keeps failing, so instead of spinning the acceptor stops watching it and tries again
/// after a back-off (5 ms doubling to 1 s, as grpc-go does); the connections wait in the kernel's
/// backlog meanwhile and are accepted once descriptors are free. One warning is logged per episode.
final class Acceptor: IOHandler {
    let listener: Socket
    let loop: EventLoop
    let shared: ServerShared
    /// The current back-off while accepting fails for want of resources; nil while accepting.
    private var backoff: Duration?
    private static let firstBackoff = Duration.milliseconds(5)
    private static let maxBackoff = Duration.seconds(1)

    init(listener: Socket, loop: EventLoop, shared: ServerShared) {
        self.listener = listener
        self.loop = loop
        self.shared = shared
    }

    /// Connections accepted per readiness event at most, so that a burst of them does not hold
    /// up the connections already on this loop (the listener is level-triggered: the rest follow).
    private static let acceptBurst = 64

    func readable() {
        for _ in 0..<Self.acceptBurst {
            let accepted: Socket?
            do {
                accepted = try listener.accept()
            } catch where error.outOfResources {
                pause(error)
                return
            } catch {
                shared.logger.warning("accept failed: \(error)")
                return
            }
            guard let socket = accepted else { return }
            if backoff != nil {
                backoff = nil
                shared.logger.notice("accepting connections again")
            }
            serve(socket)
        }
    }

    func writable() {}

    private func serve(_ socket: Socket) {
        let count = shared.connections.withLock { $0.count }
        guard count < shared.configuration.maxConnections else {
            socket.close()
            return
        }
        let connection: ServerConnection
        if let tls = shared.configuration.tls {
            do {
                connection = ServerConnection(transport: try tls.transport(for: socket), loop: loop, shared: shared)
            } catch {
                shared.logger.warning("TLS setup failed: \(error)")
                socket.close()
                return
            }
        } else {
            connection = ServerConnection(socket: socket, loop: loop, shared: shared)
        }
        shared.connections.withLock { $0[ObjectIdentifier(connection)] = connection }
        connection.assumeIsolated { c in
            do {
                try c.start()
            } catch {
                c.shared.logger.warning("connection setup failed: \(error)")
                c.closeNow()
            }
        }
    }

    /// Stops watching the listener and schedules another try.
    private func pause(_ error: IOError) {
        let delay: Duration
        if let current = backoff {
            delay = min(current * 2, Self.maxBackoff)
        } else {
            delay = Self.firstBackoff
            shared.logger.warning("accept failed: \(error); pausing the listener until resources free up")
        }
        backoff = delay
        do {
            try loop.setPaused(listener.fd, true)
        } catch {
            shared.logger.error("cannot pause the listener: \(error)")
            return
        }
        loop.schedule(after: delay) { [self] in
            // The server may have closed the listener meanwhile (and its number may be reused).
            guard loop.isRegistered(listener.fd, handler: self) else { return }
            do {
                try loop.setPaused(listener.fd, false)
            } catch {
                shared.logger.error("cannot resume the listener: \(error)")
            }
        }
    }
}
