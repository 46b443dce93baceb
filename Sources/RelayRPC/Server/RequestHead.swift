internal import RelayHTTP2
internal import ProtoWire
internal import Synchronization

/// The request headers of a new stream, read and checked against gRPC's rules.
struct RequestHead {
    var method = ""
    var path = ""
    var contentType = ""
    var encoding: String?
    var acceptsGzip = false
    var timeout: GRPCTimeout?
    var malformedTimeout = false
    var malformedBinary: String?
    var metadata = Metadata()
    var requestID = ""

    /// Why a stream gets an answer without reaching a handler.
    enum Rejection: Error {
        /// A plain HTTP status (not a gRPC request at all).
        case http(Int)
        /// A gRPC status in a Trailers-Only response, with extra headers.
        case grpc(RPCError, [HeaderField])
    }

    init(_ fields: [HeaderField]) {
        for field in fields {
            switch field.name {
            case ":method": method = field.value
            case ":path": path = field.value
            case ":authority", ":scheme", "te", "user-agent", "grpc-message-type": break
            case "content-type": contentType = field.value
            case "grpc-encoding": encoding = field.value
            case "grpc-accept-encoding":
                acceptsGzip = field.value.split(separator: ",").contains { $0.trimmingSpaces == "gzip" }
            case "grpc-timeout":
                timeout = GRPCTimeout(headerValue: field.value)
                malformedTimeout = timeout == nil
            case "x-request-id":
                requestID = field.value
                metadata.add(field.name, field.value)
            default:
                if field.name.hasPrefix(":") || field.name.hasPrefix("grpc-") { continue }
                if field.name.hasSuffix("-bin") {
                    guard let bytes = Base64.decode(field.value) else {
                        malformedBinary = field.name
                        continue
                    }
                    metadata.add(field.name, binary: bytes)
                } else {
                    metadata.add(field.name, field.value)
                }
            }
        }
        if requestID.isEmpty { requestID = RequestHead.newRequestID() }
    }

    /// The method this request calls, or why it gets an answer without reaching one.
    func route(_ router: RPCRouter) -> Result<RPCMethod, Rejection> {
        guard method == "POST" else { return .failure(.http(405)) }
        guard contentType.hasPrefix("application/grpc") else { return .failure(.http(415)) }
        let rest = contentType.dropFirst("application/grpc".count)
        guard rest.isEmpty || rest.hasPrefix("+") || rest.hasPrefix(";") else { return .failure(.http(415)) }
        if let encoding, encoding != "identity", encoding != "gzip" {
            // The response head already advertises grpc-accept-encoding.
            return .failure(.grpc(RPCError(code: .unimplemented, message: "message encoding \"\(encoding)\" is not supported"), []))
        }
        if malformedTimeout {
            return .failure(.grpc(RPCError(code: .invalidArgument, message: "malformed grpc-timeout header"), []))
        }
        if let name = malformedBinary {
            return .failure(.grpc(RPCError(code: .invalidArgument, message: "metadata \(name) is not valid base64"), []))
        }
        if let method = router.method(at: path) { return .success(method) }
        let service = path.dropFirst().prefix { $0 != "/" }
        if router.serviceNames.contains(String(service)) {
            return .failure(.grpc(RPCError(code: .unimplemented, message: "unknown method \(path)"), []))
        }
        return .failure(.grpc(RPCError(code: .unimplemented, message: "unknown service \(service)"), []))
    }

    /// A request id unique within this process and, with its random part, across instances:
    /// 8 hex digits drawn once per process, then a call counter (no system call per call).
    private static func newRequestID() -> String {
        let n = requestCounter.add(1, ordering: .relaxed).newValue
        let hex = String(n, radix: 16)
        return processPrefix + String(repeating: "0", count: max(0, 8 - hex.count)) + hex
    }

    private static let requestCounter = Atomic<UInt64>(0)
    private static let processPrefix: String = {
        let hex = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }()
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}

/// The header blocks of a response: the head before the first message, and the status trailers.
enum Trailers {
    static func responseHead(encoding: String?, metadata: Metadata) -> [HeaderField] {
        var fields = [
            HeaderField(":status", "200"), HeaderField("content-type", "application/grpc"),
            HeaderField("grpc-accept-encoding", "gzip,identity"),
        ]
        if let encoding { fields.append(HeaderField("grpc-encoding", encoding)) }
        append(metadata, to: &fields)
        return fields
    }

    static func fields(for error: RPCError?, metadata: Metadata) -> [HeaderField] {
        guard let error else {
            var fields = [HeaderField("grpc-status", "0")]
            append(metadata, to: &fields)
            return fields
        }
        var fields = [HeaderField("grpc-status", "\(error.code.rawValue)")]
        if !error.message.isEmpty { fields.append(HeaderField("grpc-message", PercentEncoding.encode(error.message))) }
        if !error.details.isEmpty {
            fields.append(HeaderField("grpc-status-details-bin", Base64.encode(error.status.serializedBytes(), padded: false)))
        }
        append(error.trailingMetadata, to: &fields)
        append(metadata, to: &fields)
        return fields
    }

    static func append(_ metadata: Metadata, to fields: inout [HeaderField]) {
        for (key, value) in metadata where !Metadata.isReserved(key) {
            switch value {
            case .string(let s): fields.append(HeaderField(key, s))
            case .binary(let b): fields.append(HeaderField(key, Base64.encode(b, padded: false)))
            }
        }
    }
}
