internal import Glibc
internal import CRelayIO

/// A non-blocking TCP socket (listener or connection) owned by one event loop.
public struct Socket: Sendable, Hashable {
    /// The file descriptor.
    public let fd: Int32

    /// Wraps an open descriptor.
    public init(fd: Int32) { self.fd = fd }

    /// Opens a listening socket on `host:port` (IPv4 or IPv6 literal; port 0 picks a free one).
    /// With `reusePort`, several loops may each listen on the same port (the kernel spreads connections).
    public static func listen(host: String, port: UInt16, backlog: Int32 = 1024, reusePort: Bool = false) throws(IOError) -> Socket {
        let address = try SocketAddress(host: host, port: port)
        let fd = try syscall("socket") { socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        let sock = Socket(fd: fd)
        do throws(IOError) {
            try sock.setOption(SOL_SOCKET, SO_REUSEADDR, 1)
            if reusePort { try sock.setOption(SOL_SOCKET, SO_REUSEPORT, 1) }
            _ = try address.withSockAddr { (ptr, len) throws(IOError) in try syscall("bind") { bind(fd, ptr, len) } }
            _ = try syscall("listen") { Glibc.listen(fd, backlog) }
        } catch {
            sock.close()
            throw error
        }
        return sock
    }

    /// Connects to `host:port` (blocking until connected, then switched to non-blocking).
    public static func connect(host: String, port: UInt16) throws(IOError) -> Socket {
        let address = try SocketAddress(host: host, port: port)
        let fd = try syscall("socket") { socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        let sock = Socket(fd: fd)
        do throws(IOError) {
            _ = try address.withSockAddr { (ptr, len) throws(IOError) in try syscall("connect") { Glibc.connect(fd, ptr, len) } }
            let flags = try syscall("fcntl") { fcntl(fd, F_GETFL) }
            _ = try syscall("fcntl") { fcntl(fd, F_SETFL, flags | O_NONBLOCK) }
            try sock.setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1)
        } catch {
            sock.close()
            throw error
        }
        return sock
    }

    /// Accepts one pending connection (non-blocking, TCP_NODELAY set); nil when none is waiting.
    public func accept() throws(IOError) -> Socket? {
        do throws(IOError) {
            let fd = try syscall("accept4") { accept4(self.fd, nil, nil, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)) }
            let conn = Socket(fd: fd)
            try? conn.setOption(Int32(IPPROTO_TCP), TCP_NODELAY, 1)
            return conn
        } catch where error.wouldBlock || error.errno == ECONNABORTED {
            return nil
        }
    }

    /// The port the socket is bound to.
    public func localPort() throws(IOError) -> UInt16 {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try withUnsafeMutablePointer(to: &storage) { ptr throws(IOError) in
            try ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa throws(IOError) in
                try syscall("getsockname") { getsockname(fd, sa, &length) }
            }
        }
        let family = storage.ss_family
        return withUnsafePointer(to: &storage) { ptr in
            if family == sa_family_t(AF_INET6) {
                return ptr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
            return ptr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
        }
    }

    /// The remote address as `host:port`, for logs.
    public func peerDescription() -> String {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let ok = withUnsafeMutablePointer(to: &storage) { ptr in
            ptr.withMemoryRebound(to: sockaddr.self, capacity: 1) { getpeername(fd, $0, &length) == 0 }
        }
        guard ok else { return "unknown" }
        return SocketAddress.describe(storage)
    }

    /// Reads up to `maxBytes` into `buffer` (replacing its contents). Returns the count, 0 at EOF,
    /// or nil when nothing is available now.
    public func read(into buffer: inout [UInt8], maxBytes: Int) throws(IOError) -> Int? {
        buffer.removeAll(keepingCapacity: true)
        var error: IOError?
        let count = buffer.withUnsafeMutableBufferPointerGrowing(to: maxBytes) { ptr -> Int in
            do throws(IOError) {
                return try syscall("read") { Glibc.read(fd, ptr.baseAddress, maxBytes) }
            } catch let e {
                error = e
                return 0
            }
        }
        if let error {
            if error.wouldBlock { return nil }
            throw error
        }
        return count
    }

    /// Writes as much of `bytes` as the socket takes now; returns the count (0 when it would block).
    public func write(_ bytes: ArraySlice<UInt8>) throws(IOError) -> Int {
        var error: IOError?
        let count = bytes.withUnsafeBytes { raw -> Int in
            do throws(IOError) {
                return try syscall("send") { send(fd, raw.baseAddress, raw.count, Int32(MSG_NOSIGNAL)) }
            } catch let e {
                error = e
                return 0
            }
        }
        if let error {
            if error.wouldBlock { return 0 }
            throw error
        }
        return count
    }

    /// Sets an integer socket option.
    public func setOption(_ level: Int32, _ name: Int32, _ value: Int32) throws(IOError) {
        var v = value
        _ = try syscall("setsockopt") { setsockopt(fd, level, name, &v, socklen_t(MemoryLayout<Int32>.size)) }
    }

    /// Closes the descriptor.
    public func close() { _ = Glibc.close(fd) }
}

extension Array where Element == UInt8 {
    /// Grows the array to `count` bytes, lets `body` fill a prefix, and keeps only that prefix.
    mutating func withUnsafeMutableBufferPointerGrowing(to count: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Int) -> Int {
        let filled = [UInt8](unsafeUninitializedCapacity: count) { ptr, initialized in
            let n = body(ptr)
            initialized = Swift.max(0, n)
        }
        self = filled
        return filled.count
    }
}
