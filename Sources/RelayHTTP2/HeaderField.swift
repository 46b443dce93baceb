/// One HTTP/2 header or trailer field. Names are lower-case; values are the field's bytes as text.
public struct HeaderField: Sendable, Equatable {
    /// The field name, such as `:path` or `content-type`.
    public var name: String
    /// The field value.
    public var value: String

    /// Creates a field.
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == HeaderField {
    /// The value of the first field named `name`.
    public func first(_ name: String) -> String? {
        for field in self where field.name == name { return field.value }
        return nil
    }
}

/// HTTP/2 error codes (RFC 9113 §7) used in RST_STREAM and GOAWAY.
public enum HTTP2ErrorCode: UInt32, Sendable {
    case noError = 0x0
    case protocolError = 0x1
    case internalError = 0x2
    case flowControlError = 0x3
    case settingsTimeout = 0x4
    case streamClosed = 0x5
    case frameSizeError = 0x6
    case refusedStream = 0x7
    case cancel = 0x8
    case compressionError = 0x9
    case connectError = 0xa
    case enhanceYourCalm = 0xb
    case inadequateSecurity = 0xc
    case http11Required = 0xd
}

/// Limits and settings of one HTTP/2 connection.
public struct HTTP2Settings: Sendable {
    /// SETTINGS_MAX_CONCURRENT_STREAMS advertised to the peer (and enforced by nghttp2).
    public var maxConcurrentStreams: UInt32 = 100
    /// SETTINGS_INITIAL_WINDOW_SIZE: how much a peer may send on one stream before we consume it.
    public var initialWindowSize: UInt32 = 1 << 20
    /// The connection-level receive window.
    public var connectionWindowSize: UInt32 = 1 << 24
    /// SETTINGS_MAX_HEADER_LIST_SIZE; a request whose headers exceed it is reset.
    public var maxHeaderListSize: UInt32 = 16 * 1024
    /// SETTINGS_MAX_FRAME_SIZE.
    public var maxFrameSize: UInt32 = 16 * 1024
    /// Bytes of encoded output buffered for the socket above which no more frames are produced.
    public var outputHighWater: Int = 1 << 20
    /// Keepalive: after this long without receiving anything, send a PING; if nothing arrives
    /// within another such interval, close the connection. nil turns keepalive off.
    public var keepaliveInterval: Duration? = .seconds(7200)

    /// The default settings.
    public init() {}
}
