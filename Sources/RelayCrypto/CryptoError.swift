internal import COpenSSL

/// Why a key could not be made, read or used, or why sealed bytes could not be opened.
public enum CryptoError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The key bytes or text are not a key Relay can use (malformed, wrong type, wrong size).
    case invalidKey(String)
    /// Sealed bytes failed authentication: tampered with, truncated, or sealed under another
    /// key or other associated data.
    case authenticationFailed
    /// OpenSSL failed where it should not (out of memory, a missing algorithm): the call and
    /// OpenSSL's reasons.
    case openSSL(String)

    public var description: String {
        switch self {
        case .invalidKey(let reason): "invalid key: \(reason)"
        case .authenticationFailed: "the sealed data failed authentication (tampered, truncated or wrong key)"
        case .openSSL(let detail): detail
        }
    }

    /// An unexpected failure of `call`, with OpenSSL's error queue drained into the text.
    static func openSSL(call: String) -> CryptoError { .openSSL(drainedErrors(call)) }

    /// A key that OpenSSL refused to read, with its reasons.
    static func invalidKey(call: String) -> CryptoError { .invalidKey(drainedErrors(call)) }

    private static func drainedErrors(_ call: String) -> String {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return reasons.isEmpty ? "\(call) failed" : "\(call) failed: \(reasons.joined(separator: "; "))"
    }
}
