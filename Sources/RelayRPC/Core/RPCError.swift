public import ProtoWire

/// A failed call as gRPC reports it: a status code, a message for developers, typed details
/// (sent as `google.rpc.Status` in `grpc-status-details-bin`) and extra trailing metadata.
public struct RPCError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The status code; never `.ok`.
    public var code: StatusCode
    /// A developer-facing message (sent percent-encoded in `grpc-message`).
    public var message: String
    /// Typed details such as `BadRequest`, `RetryInfo`, `QuotaFailure`, `ErrorInfo`.
    public var details: [Google.Protobuf.`Any`]
    /// Extra trailers, such as `retry-after`.
    public var trailingMetadata: Metadata

    /// Creates an error.
    public init(
        code: StatusCode, message: String, details: [Google.Protobuf.`Any`] = [], trailingMetadata: Metadata = Metadata()
    ) {
        self.code = code
        self.message = message
        self.details = details
        self.trailingMetadata = trailingMetadata
    }

    /// Creates an error with one typed detail.
    public init<D: ProtoMessage>(code: StatusCode, message: String, detail: D) {
        self.init(code: code, message: message, details: [Google.Protobuf.`Any`(packing: detail)])
    }

    /// The error as the `google.rpc.Status` message of the rich error model.
    public var status: Google.Rpc.Status {
        Google.Rpc.Status(code: code.rawValue, message: message, details: details)
    }

    /// Rebuilds an error from a received `google.rpc.Status`.
    public init(status: Google.Rpc.Status) {
        self.init(code: StatusCode(wireValue: status.code), message: status.message, details: status.details)
    }

    /// The first detail of type `D`, if any.
    public func detail<D: ProtoMessage>(_: D.Type) -> D? {
        for any in details {
            if let d = try? any.unpack(D.self) { return d }
        }
        return nil
    }

    public var description: String { "\(code): \(message)" }
}

/// An error that knows its gRPC status. The server turns every error a handler throws into a
/// status in one place: `RPCError` as is, `RPCErrorConvertible` through this conversion, anything
/// else as `INTERNAL` without internals.
public protocol RPCErrorConvertible: Error {
    /// The status to answer with, for a call with `context` (its logger and request id, to log
    /// what the status leaves out).
    func rpcError(for context: ServerContext) -> RPCError
}
