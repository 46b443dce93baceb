import Glibc

/// Writes answers straight to file descriptor 1, unbuffered, so each line reaches the reader at once.
enum StandardOutput {
    /// Writes `line` and a newline, retrying short writes.
    static func writeLine(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(1, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                exit(1)
            }
            offset += n
        }
    }
}
