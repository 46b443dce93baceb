internal import Glibc
internal import CRelayIO

/// An IPv4 or IPv6 socket address parsed from a literal host (`127.0.0.1`, `::1`, `0.0.0.0`,
/// or `localhost`).
struct SocketAddress {
    private var v4 = sockaddr_in()
    private var v6 = sockaddr_in6()
    let family: Int32

    init(host: String, port: UInt16) throws(IOError) {
        let literal = host == "localhost" ? "127.0.0.1" : host.trimmingBrackets
        if inet_pton(AF_INET, literal, &v4.sin_addr) == 1 {
            family = AF_INET
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
        } else if inet_pton(AF_INET6, literal, &v6.sin6_addr) == 1 {
            family = AF_INET6
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
        } else {
            throw IOError(call: "inet_pton(\(host))", errno: EINVAL)
        }
    }

    func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws(IOError) -> R) throws(IOError) -> R {
        if family == AF_INET {
            var a = v4
            return try withUnsafePointer(to: &a) { p throws(IOError) in
                try p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa throws(IOError) in
                    try body(sa, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        var a = v6
        return try withUnsafePointer(to: &a) { p throws(IOError) in
            try p.withMemoryRebound(to: sockaddr.self, capacity: 1) { sa throws(IOError) in
                try body(sa, socklen_t(MemoryLayout<sockaddr_in6>.size))
            }
        }
    }

    static func describe(_ storage: sockaddr_storage) -> String {
        var storage = storage
        let family = storage.ss_family
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        func string(_ chars: [CChar]) -> String {
            String(decoding: chars.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
        return withUnsafePointer(to: &storage) { ptr in
            if family == sa_family_t(AF_INET6) {
                return ptr.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { a in
                    var addr = a.pointee.sin6_addr
                    inet_ntop(AF_INET6, &addr, &text, socklen_t(text.count))
                    return "[\(string(text))]:\(UInt16(bigEndian: a.pointee.sin6_port))"
                }
            }
            return ptr.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { a in
                var addr = a.pointee.sin_addr
                inet_ntop(AF_INET, &addr, &text, socklen_t(text.count))
                return "\(string(text)):\(UInt16(bigEndian: a.pointee.sin_port))"
            }
        }
    }
}

extension String {
    fileprivate var trimmingBrackets: String {
        hasPrefix("[") && hasSuffix("]") ? String(dropFirst().dropLast()) : self
    }
}
