internal import Logging
internal import ProtoWire
internal import RelayDomain
internal import RelayRPC

extension RPCError {
    /// The gRPC status of a service error: the only place one becomes the other.
    init(_ error: DomainError, logger context: ServerContext) {
        switch error {
        case .invalidArgument(let field, let reason):
            var request = Google.Rpc.BadRequest()
            request.fieldViolations = [Google.Rpc.BadRequest.FieldViolation(field: field, description: reason)]
            self.init(code: .invalidArgument, message: "\(field): \(reason)", detail: request)
        case .notFound(let resource, let id):
            self.init(code: .notFound, message: "\(resource) \(id) not found")
        case .failedPrecondition(let reason):
            self.init(code: .failedPrecondition, message: reason)
        case .alreadyExists(let reason):
            self.init(code: .alreadyExists, message: reason)
        case .unauthenticated(let reason):
            self.init(code: .unauthenticated, message: reason)
        case .permissionDenied(let needed, let reason):
            self.init(
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
            self.init(
                code: .resourceExhausted,
                message: "rate limit exceeded: \(description); retry in \(retrySeconds) s",
                details: [
                    Google.Protobuf.`Any`(packing: Google.Rpc.RetryInfo(
                        retryDelay: Google.Protobuf.Duration(seconds: seconds, nanos: Int32(attoseconds / 1_000_000_000)))),
                    Google.Protobuf.`Any`(packing: Google.Rpc.QuotaFailure(violations: [quota])),
                ])
            trailingMetadata.add("retry-after", "\(retrySeconds)")
        case .unavailable(let reason):
            self.init(code: .unavailable, message: reason)
        case .internalError(let detail):
            context.logger.error("internal error: \(detail)")
            self.init(code: .internal, message: "internal error (request \(context.requestID))")
        }
    }
}
