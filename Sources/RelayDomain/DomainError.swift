
/// Why an operation of the service failed, in the service's own terms. The RPC layer turns each
/// case into one gRPC status (in one place); nothing below it knows about gRPC.
public enum DomainError: Error, Sendable, Equatable {
    /// A request field is malformed or out of range.
    case invalidArgument(field: String, reason: String)
    /// The resource does not exist in the caller's organization (also when it exists in another).
    case notFound(resource: String, id: String)
    /// The request is valid but the resource's state forbids it.
    case failedPrecondition(String)
    /// The resource exists already.
    case alreadyExists(String)
    /// No credential, or one that is malformed, unknown, expired or revoked.
    case unauthenticated(String)
    /// The caller's key lacks the scope the call needs.
    case permissionDenied(needed: Scope, reason: String)
    /// A rate limit is used up until `retryAfter`.
    case rateLimited(subject: RateLimitSubject, window: RateWindow, limit: Int64, retryAfter: Duration)
    /// A dependency (the database) is unavailable for now; the call may be retried.
    case unavailable(String)
    /// A bug or an unexpected state; the detail is for logs.
    case internalError(String)
}

/// Whose limit a call ran into.
public enum RateLimitSubject: Sendable, Hashable {
    /// The calling key's.
    case key(APIKeyID)
    /// The key's organization's (all its keys together).
    case organization(OrganizationID)
}
