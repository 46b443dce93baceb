internal import Foundation
public import RelayCore
public import RelayDomain
public import RelayRPC

/// The authenticated caller of a call, in its context's values.
public enum PrincipalKey: ContextKey {
    public typealias Value = Principal
}

extension ServerContext {
    /// The caller, set by ``AuthenticationInterceptor``; a handler of a keyed RPC always has one.
    public var principal: Principal {
        get throws(DomainError) {
            guard let principal = values[PrincipalKey.self] else { throw .internalError("no authenticated caller") }
            return principal
        }
    }
}

/// The one place where the service's typed errors become gRPC statuses: the outermost
/// interceptor, around the others and every handler.
public struct StatusBoundary: ServerInterceptor {
    /// The boundary.
    public init() {}

    public func intercept(context: ServerContext, next: @Sendable (ServerContext) async throws -> Void) async throws {
        do {
            try await next(context)
        } catch let error as DomainError {
            throw RPCError(error, logger: context)
        }
    }
}

/// Checks the `authorization: Bearer <secret>` metadata against the RPC's required scope
/// (``ScopeTable``), and attaches the ``Principal``.
public struct AuthenticationInterceptor: ServerInterceptor {
    let authenticator: Authenticator

    /// An interceptor using `authenticator`.
    public init(authenticator: Authenticator) { self.authenticator = authenticator }

    public func intercept(context: ServerContext, next: @Sendable (ServerContext) async throws -> Void) async throws {
        let requirement = ScopeTable.requirement(for: context.path)
        guard case .anyOf = requirement else { return try await next(context) }
        let credential = try Self.bearer(in: context.metadata)
        let principal = try await authenticator.authenticate(credential)
        guard requirement.isSatisfied(by: principal.scopes) else {
            let needed = requirement.scopeToName
            throw DomainError.permissionDenied(
                needed: needed,
                reason: "\(context.service)/\(context.method) needs an API key with the \(needed.name) scope (or FULL_ACCESS)")
        }
        var context = context
        context.values[PrincipalKey.self] = principal
        try await next(context)
    }

    static func bearer(in metadata: Metadata) throws(DomainError) -> String {
        guard let value = metadata.first("authorization") else {
            throw .unauthenticated("missing authorization metadata: send \"authorization: Bearer <API key>\"")
        }
        let parts = value.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw .unauthenticated("malformed authorization metadata: expected \"Bearer <API key>\"")
        }
        return String(parts[1]).trimmingCharacters(in: .whitespaces)
    }
}

/// Counts every keyed call against its key's and organization's four windows (``RateLimiter``).
public struct RateLimitInterceptor: ServerInterceptor {
    let limiter: RateLimiter

    /// An interceptor using `limiter`.
    public init(limiter: RateLimiter) { self.limiter = limiter }

    public func intercept(context: ServerContext, next: @Sendable (ServerContext) async throws -> Void) async throws {
        if let principal = context.values[PrincipalKey.self] { try await limiter.admit(principal) }
        try await next(context)
    }
}
