internal import Glibc

/// A failed system call: which call, and the `errno` it set.
public struct IOError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The system call, such as `bind` or `epoll_wait`.
    public let call: String
    /// The `errno` value.
    public let errno: Int32

    /// Creates an error for `call` failing with `errno`.
    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    public var description: String {
        "\(call) failed: \(String(cString: strerror(errno))) (errno \(errno))"
    }

    /// Whether the call would have blocked (`EAGAIN`/`EWOULDBLOCK`).
    public var wouldBlock: Bool { errno == EAGAIN || errno == EWOULDBLOCK }

    /// Whether the call failed for want of a resource that may come back: descriptors
    /// (`EMFILE`, `ENFILE`) or kernel memory (`ENOBUFS`, `ENOMEM`).
    public var outOfResources: Bool { errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM }
}

/// Runs a system call, retrying on `EINTR` and turning a `-1` result into an ``IOError``.
/// A bad file descriptor is a programming error, so it traps instead of throwing.
@inline(__always)
func syscall<T: FixedWidthInteger>(_ name: @autoclosure () -> String, _ body: () -> T) throws(IOError) -> T {
    while true {
        let result = body()
        if result != -1 { return result }
        let code = Glibc.errno
        if code == EINTR { continue }
        precondition(code != EBADF, "\(name()) on a bad file descriptor")
        throw IOError(call: name(), errno: code)
    }
}
