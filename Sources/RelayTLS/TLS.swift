internal import COpenSSL
public import RelayHTTP2
public import RelayIO

/// Why TLS could not be set up or went wrong: the call and OpenSSL's error queue, drained.
public struct TLSError: Error, CustomStringConvertible, Sendable {
    /// What failed, with OpenSSL's reasons.
    public let description: String

    init(_ call: String) {
        var reasons: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            reasons.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        description = reasons.isEmpty ? "\(call) failed" : "\(call) failed: \(reasons.joined(separator: "; "))"
    }
}

/// A client TLS context: TLS 1.2 or newer, ALPN `h2`, the peer verified against trusted certificates.
public final class TLSClientContext: @unchecked Sendable {
    // SSL_CTX is reference-counted and thread-safe for creating connections once configured.
    let context: OpaquePointer

    /// Trusts the certificates in `trustedCertificatesPath` (PEM), or the system's when nil.
    public init(trustedCertificatesPath: String? = nil) throws(TLSError) {
        guard let ctx = SSL_CTX_new(TLS_client_method()) else { throw TLSError("SSL_CTX_new") }
        context = ctx
        guard relay_SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) == 1 else { throw TLSError("set_min_proto_version") }
        guard relay_SSL_CTX_offer_h2(ctx) == 0 else { throw TLSError("SSL_CTX_set_alpn_protos") }
        if let path = trustedCertificatesPath {
            guard SSL_CTX_load_verify_locations(ctx, path, nil) == 1 else { throw TLSError("loading \(path)") }
        } else {
            guard SSL_CTX_set_default_verify_paths(ctx) == 1 else { throw TLSError("loading the system's certificates") }
        }
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nil)
    }

    deinit { SSL_CTX_free(context) }

    /// Wraps a connected socket for a server named `host` (SNI and certificate name check).
    public func transport(for socket: Socket, host: String) throws(TLSError) -> TLSTransport {
        try TLSTransport(socket: socket, context: context, owner: self, serverName: host)
    }
}

/// A server TLS context: certificate chain and key from PEM files, TLS 1.2 or newer, ALPN `h2`.
public final class TLSServerContext: @unchecked Sendable {
    // SSL_CTX is reference-counted and thread-safe for creating connections once configured.
    let context: OpaquePointer

    /// Loads the certificate chain and private key (PEM files).
    public init(certificateChainPath: String, privateKeyPath: String) throws(TLSError) {
        guard let ctx = SSL_CTX_new(TLS_server_method()) else { throw TLSError("SSL_CTX_new") }
        context = ctx
        guard relay_SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION) == 1 else { throw TLSError("set_min_proto_version") }
        guard SSL_CTX_use_certificate_chain_file(ctx, certificateChainPath) == 1 else {
            throw TLSError("loading the certificate chain \(certificateChainPath)")
        }
        guard SSL_CTX_use_PrivateKey_file(ctx, privateKeyPath, SSL_FILETYPE_PEM) == 1 else {
            throw TLSError("loading the private key \(privateKeyPath)")
        }
        guard SSL_CTX_check_private_key(ctx) == 1 else { throw TLSError("the key does not match the certificate") }
        relay_SSL_CTX_select_h2(ctx)
    }

    deinit { SSL_CTX_free(context) }

    /// Wraps an accepted socket.
    public func transport(for socket: Socket) throws(TLSError) -> TLSTransport {
        try TLSTransport(socket: socket, context: context, owner: self, serverName: nil)
    }
}

/// TLS on a non-blocking socket, as a byte transport for an HTTP/2 connection.
public final class TLSTransport: ByteTransport {
    public let socket: Socket
    private let ssl: OpaquePointer
    private let owner: AnyObject
    private var handshakeDone = false
    /// Set after a fatal error or an EOF without close_notify: no SSL_shutdown may follow.
    private var failed = false
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    /// Whether OpenSSL needs to read from the peer before it can write (during the handshake).
    public private(set) var waitsForPeer = true

    /// A server-side transport when `serverName` is nil, else a client one that checks that name.
    init(socket: Socket, context: OpaquePointer, owner: AnyObject, serverName: String?) throws(TLSError) {
        guard let ssl = SSL_new(context) else { throw TLSError("SSL_new") }
        self.ssl = ssl
        self.socket = socket
        self.owner = owner
        SSL_set_fd(ssl, socket.fd)
        _ = relay_SSL_set_partial_write(ssl)
        if let serverName {
            SSL_set_connect_state(ssl)
            guard relay_SSL_set_tlsext_host_name(ssl, serverName) == 1, SSL_set1_host(ssl, serverName) == 1 else {
                throw TLSError("setting the server name \(serverName)")
            }
        } else {
            SSL_set_accept_state(ssl)
        }
    }

    deinit { SSL_free(ssl) }

    /// The protocol ALPN selected (`h2`), once the handshake is done.
    public var negotiatedProtocol: String? {
        var data: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &data, &length)
        guard let data, length > 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: data, count: Int(length)), as: UTF8.self)
    }

    private func handshake() throws -> Bool {
        ERR_clear_error()
        let rc = SSL_do_handshake(ssl)
        if rc == 1 {
            handshakeDone = true
            waitsForPeer = false
            guard negotiatedProtocol == "h2" else { throw TLSError("ALPN: the client did not offer h2") }
            return true
        }
        switch SSL_get_error(ssl, rc) {
        case SSL_ERROR_WANT_READ:
            waitsForPeer = true
            return false
        case SSL_ERROR_WANT_WRITE:
            waitsForPeer = false
            return false
        default:
            failed = true
            throw TLSError("TLS handshake")
        }
    }

    public func read(maxBytes: Int) throws -> [UInt8]? {
        if !handshakeDone, try !handshake() { return nil }
        let count = min(maxBytes, buffer.count)
        ERR_clear_error()
        let rc = buffer.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, Int32(count)) }
        if rc > 0 { return Array(buffer[0..<Int(rc)]) }
        switch SSL_get_error(ssl, rc) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE: return nil
        case SSL_ERROR_ZERO_RETURN: return []
        case SSL_ERROR_SYSCALL where ERR_peek_error() == 0:
            failed = true  // EOF without close_notify: no shutdown may follow
            return []
        default:
            failed = true
            throw TLSError("SSL_read")
        }
    }

    public func write(_ bytes: ArraySlice<UInt8>) throws -> Int {
        if !handshakeDone, try !handshake() { return 0 }
        ERR_clear_error()
        let rc = bytes.withUnsafeBytes { SSL_write(ssl, $0.baseAddress, Int32($0.count)) }
        if rc > 0 { return Int(rc) }
        switch SSL_get_error(ssl, rc) {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE: return 0
        default:
            failed = true
            throw TLSError("SSL_write")
        }
    }

    /// Sends close_notify unless the connection failed (OpenSSL forbids a shutdown after a fatal
    /// error), and leaves this thread's OpenSSL error queue empty either way.
    public func close() {
        if handshakeDone && !failed {
            ERR_clear_error()
            _ = SSL_shutdown(ssl)
        }
        ERR_clear_error()
        socket.close()
    }
}
