internal import Glibc
internal import CRelayIO

/// Facts about the machine the process runs on.
public enum System {
    /// Makes writes to a closed connection fail with EPIPE instead of killing the process (TLS
    /// writes through OpenSSL use write(2), which has no MSG_NOSIGNAL). Every server calls it.
    public static func ignoreBrokenPipes() {
        _ = signal(SIGPIPE, SIG_IGN)
    }

    /// The number of CPUs this process may run on (its affinity mask), at least 1.
    public static var availableCores: Int {
        let n = relay_available_cores()
        return n > 0 ? Int(n) : 1
    }

    /// Raises this process's soft limit on open files to its hard limit, as servers do (one
    /// descriptor per connection); returns the limit now in force, nil if it cannot be read.
    @discardableResult
    public static func raiseOpenFileLimit() -> Int? {
        let limit = relay_raise_open_file_limit()
        return limit >= 0 ? Int(limit) : nil
    }
}
