internal import Logging
internal import ProtoWire
public import RelayDomain
public import RelayRPC

extension DomainError: RPCErrorConvertible {
    /// The gRPC status of a service error: the only place one becomes the other (the RPC runtime
    /// asks for it when a handler or an interceptor throws).
    public func rpcError(for context: ServerContext) -> RPCError {
        switch self {
        case .invalidArgument(let field, let reason):
            var request = Google.Rpc.BadRequest()
            request.fieldViolations = [Google.Rpc.BadRequest.FieldViolation(field: field, description: reason)]
            return RPCError(code: .invalidArgument, message: "\(field): \(reason)", detail: request)
        case .notFound(let resource, let id):
            return RPCError(code: .notFound, message: "\(resource) \(id) not found")
        case .failedPrecondition(let reason):
            return RPCError(code: .failedPrecondition, message: reason)
        case .alreadyExists(let reason):
            return RPCError(code: .alreadyExists, message: reason)
        case .unauthenticated(let reason):
            return RPCError(code: .unauthenticated, message: reason)
        case .permissionDenied(let needed, let reason):
            return RPCError(
                code: .permissionDenied, message: reason,
                detail: Google.Rpc.ErrorInfo(reason: "SCOPE_MISSING", domain: "relay", metadata: ["scope": needed.name]))
        case .rateLimited(let subject, let window, let limit, let retryAfter):
            let who: String
            switch subject {
            case .key(let key): who = "key:\(key)"
            case .organization(let organization): who = "organization:\(organization)"
            }
            let (seconds, attoseconds) = retryAfter.components
            let retrySeconds = seconds + (attoseconds > 0 ? 1 : 0)
            let description = "at most \(limit) calls per \(window.name) for \(who)"
            var quota = Google.Rpc.QuotaFailure.Violation(subject: who, description: description)
            quota.quotaID = "calls-per-\(window.name)"
            quota.quotaValue = limit
            var error = RPCError(
                code: .resourceExhausted,
                message: "rate limit exceeded: \(description); retry in \(retrySeconds) s",
                details: [
                    Google.Protobuf.`Any`(packing: Google.Rpc.RetryInfo(
                        retryDelay: Google.Protobuf.Duration(seconds: seconds, nanos: Int32(attoseconds / 1_000_000_000)))),
                    Google.Protobuf.`Any`(packing: Google.Rpc.QuotaFailure(violations: [quota])),
                ])
            error.trailingMetadata.add("retry-after", "\(retrySeconds)")
            return error
        case .unavailable(let reason):
            return RPCError(code: .unavailable, message: reason)
        case .internalError(let detail):
            context.logger.error("internal error: \(detail)")
            return RPCError(code: .internal, message: "internal error (request \(context.requestID))")
        }
    }
}
