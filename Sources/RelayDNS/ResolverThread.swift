internal import CCares
internal import Glibc
import RelayDomain
import Synchronization

/// One c-ares channel and the thread that drives it. The channel is only touched on that thread
/// (c-ares 1.18 channels are not thread-safe); other threads hand it requests through `inbox` and
/// wake it with a pipe.
final class ResolverThread: @unchecked Sendable {
    private struct Inbox {
        var requests: [LookupRequest] = []
        var stopping = false
    }

    private let inbox = Mutex(Inbox())
    private let wakeRead: Int32
    private let wakeWrite: Int32
    /// Owned by the thread once started.
    private var channel: OpaquePointer?
    private let timeoutDescription: String

    private static let libraryInitialized: Bool = ares_library_init(ARES_LIB_INIT_ALL) == ARES_SUCCESS

    init(_ configuration: DNSClientConfiguration) throws(DomainError) {
        guard Self.libraryInitialized else { throw .internalError("c-ares could not be initialized") }
        let timeoutMS = Int32(clamping: configuration.timeout.components.seconds * 1000
            + configuration.timeout.components.attoseconds / 1_000_000_000_000_000)
        let tries = Int32(clamping: max(1, configuration.tries))
        timeoutDescription = "\(timeoutMS) ms per try, \(tries) \(tries == 1 ? "try" : "tries")"

        var options = ares_options()
        options.timeout = max(1, timeoutMS)
        options.tries = tries
        // NOCHECKRESP: SERVFAIL and REFUSED reach the callback as such (otherwise c-ares moves
        // on to the next server and reports the last one as "connection refused").
        options.flags = ARES_FLAG_EDNS | ARES_FLAG_NOCHECKRESP
        options.ednspsz = 1232
        var created: OpaquePointer?
        let mask = ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_FLAGS | ARES_OPT_EDNSPSZ
        let rc = ares_init_options(&created, &options, mask)
        guard rc == ARES_SUCCESS, let created else {
            throw .unavailable("the DNS resolver could not be set up: \(Self.describe(rc))")
        }
        if !configuration.servers.isEmpty {
            let csv = configuration.servers.joined(separator: ",")
            let rc = ares_set_servers_ports_csv(created, csv)
            if rc != ARES_SUCCESS {
                ares_destroy(created)
                throw .invalidArgument(field: "servers", reason: "'\(csv)' is not a list of DNS server addresses: \(Self.describe(rc))")
            }
        }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else {
            ares_destroy(created)
            throw .unavailable("the DNS resolver's wake-up pipe could not be made: errno \(errno)")
        }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeRead = fds[0]
        wakeWrite = fds[1]
        channel = created
        start()
    }

    /// Queues a lookup; its continuation is resumed on the resolver thread.
    func submit(_ request: LookupRequest) {
        let accepted = inbox.withLock { inbox in
            if inbox.stopping { return false }
            inbox.requests.append(request)
            return true
        }
        if accepted {
            wake()
        } else {
            request.continuation.resume(returning: .failure(.unavailable("the DNS resolver is shut down")))
        }
    }

    /// Ends the thread; lookups still in flight fail with `unavailable`.
    func stop() {
        inbox.withLock { $0.stopping = true }
        wake()
    }

    private func wake() {
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    private func start() {
        let retained = Unmanaged.passRetained(self)
        var thread = pthread_t()
        let rc = pthread_create(&thread, nil, { raw in
            let resolver = Unmanaged<ResolverThread>.fromOpaque(raw!).takeRetainedValue()
            resolver.run()
            return nil
        }, retained.toOpaque())
        precondition(rc == 0, "pthread_create failed: \(rc)")
        pthread_detach(thread)
    }

    private func run() {
        guard let channel else { return }
        let maxSockets = Int(RELAY_ARES_GETSOCK_MAXNUM)
        var sockets = [ares_socket_t](repeating: RELAY_ARES_SOCKET_BAD, count: maxSockets)
        while true {
            let (requests, stopping) = inbox.withLock { inbox in
                defer { inbox.requests.removeAll() }
                return (inbox.requests, inbox.stopping)
            }
            for request in requests { send(request, on: channel) }
            if stopping { break }

            let bits = ares_getsock(channel, &sockets, Int32(maxSockets))
            var watched = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            for index in 0..<maxSockets {
                var events: Int16 = 0
                if relay_ares_sock_readable(bits, Int32(index)) != 0 { events |= Int16(POLLIN) }
                if relay_ares_sock_writable(bits, Int32(index)) != 0 { events |= Int16(POLLOUT) }
                if events != 0 { watched.append(pollfd(fd: sockets[index], events: events, revents: 0)) }
            }
            var maxWait = timeval()
            var waitMS: Int32 = -1
            if let next = ares_timeout(channel, nil, &maxWait) {
                waitMS = Int32(clamping: next.pointee.tv_sec * 1000 + (next.pointee.tv_usec + 999) / 1000)
            }
            let ready = poll(&watched, nfds_t(watched.count), waitMS)
            if ready < 0 && errno != EINTR { fatalError("poll failed in the DNS resolver: errno \(errno)") }
            if watched[0].revents != 0 { drainWakeups() }
            for entry in watched.dropFirst() where entry.revents != 0 {
                let readable = entry.revents & Int16(POLLIN | POLLERR | POLLHUP) != 0
                let writable = entry.revents & Int16(POLLOUT) != 0
                ares_process_fd(channel, readable ? entry.fd : RELAY_ARES_SOCKET_BAD, writable ? entry.fd : RELAY_ARES_SOCKET_BAD)
            }
            ares_process_fd(channel, RELAY_ARES_SOCKET_BAD, RELAY_ARES_SOCKET_BAD)  // time-outs
        }
        ares_destroy(channel)  // queries still in flight end with ARES_EDESTRUCTION
        self.channel = nil
        close(wakeRead)
        close(wakeWrite)
    }

    private func drainWakeups() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &buffer, buffer.count) > 0 {}
    }

    private func send(_ request: LookupRequest, on channel: OpaquePointer) {
        let query = PendingQuery(request, timeoutDescription: timeoutDescription)
        let context = Unmanaged.passRetained(query).toOpaque()
        ares_query(channel, request.name, Int32(1) /* IN */, request.type.code, { context, status, _, answer, length in
            let query = Unmanaged<PendingQuery>.fromOpaque(context!).takeRetainedValue()
            query.finish(status: status, answer: answer, length: length)
        }, context)
    }

    static func describe(_ status: Int32) -> String {
        guard let text = ares_strerror(status) else { return "c-ares status \(status)" }
        return String(cString: text)
    }
}

/// A query in flight: what was asked and whom to tell.
private final class PendingQuery {
    let request: LookupRequest
    let timeoutDescription: String

    init(_ request: LookupRequest, timeoutDescription: String) {
        self.request = request
        self.timeoutDescription = timeoutDescription
    }

    func finish(status: Int32, answer: UnsafeMutablePointer<UInt8>?, length: Int32) {
        request.continuation.resume(returning: result(status: status, answer: answer, length: length))
    }

    private func result(status: Int32, answer: UnsafeMutablePointer<UInt8>?, length: Int32) -> Result<DNSAnswer, DomainError> {
        let what = "\(request.type.label) \(request.name)"
        switch status {
        case ARES_SUCCESS:
            guard let answer else { return .success(.noData) }
            return AnswerParser.parse(answer, length: length, type: request.type, name: request.name)
                .mapError { .unavailable("the DNS answer for \(what) is malformed: \($0)") }
        case ARES_ENODATA: return .success(.noData)
        case ARES_ENOTFOUND: return .success(.noSuchName)
        case ARES_ESERVFAIL: return .failure(.unavailable("DNS lookup of \(what) failed: the server answered SERVFAIL"))
        case ARES_EREFUSED: return .failure(.unavailable("DNS lookup of \(what) failed: the server answered REFUSED"))
        case ARES_ETIMEOUT: return .failure(.unavailable("DNS lookup of \(what) failed: no answer in time (\(timeoutDescription))"))
        case ARES_ECONNREFUSED: return .failure(.unavailable("DNS lookup of \(what) failed: the DNS server refused the connection"))
        case ARES_EDESTRUCTION, ARES_ECANCELLED: return .failure(.unavailable("DNS lookup of \(what) failed: the resolver was shut down"))
        case ARES_EBADNAME: return .failure(.invalidArgument(field: "name", reason: "'\(request.name)' is not a valid DNS name"))
        default: return .failure(.unavailable("DNS lookup of \(what) failed: \(ResolverThread.describe(status))"))
        }
    }
}
