public import Foundation
public import RelayCore
public import RelayDomain
public import RelayRPC

/// The authenticated caller of a call, in its context's values.
public enum PrincipalKey: ContextKey {
    public typealias Value = Principal
}

/// What a connection keeps of its last caller: the credential's session and the principal's
/// rate-limit ticket, so that the next call with the same credential is admitted without hashing,
/// cache or lease lookups.
final class ConnectionAccess: Sendable {
    let session: Authenticator.Session
    let ticket: RateLimiter.Ticket?

    init(session: Authenticator.Session, ticket: RateLimiter.Ticket?) {
        self.session = session
        self.ticket = ticket
    }
}

/// The connection's ``ConnectionAccess``.
enum ConnectionAccessKey: ContextKey {
    typealias Value = ConnectionAccess
}

extension ServerContext {
    /// The caller, set by ``AccessInterceptor``; a handler of a keyed RPC always has one.
    public var principal: Principal {
        get throws(DomainError) {
            guard let principal = values[PrincipalKey.self] else { throw .internalError("no authenticated caller") }
            return principal
        }
    }
}

/// Admits a keyed call, in one step: authenticates the `authorization: Bearer <secret>` metadata,
/// checks the key's scopes against the RPC's (``ScopeTable``), counts the call against the key's
/// and its organization's rate limits (``RateLimiter``), and attaches the ``Principal``. Calls
/// that need no key (health, reflection) pass untouched.
public struct AccessInterceptor: ServerInterceptor {
    let authenticator: Authenticator
    let limiter: RateLimiter?
    let clock: @Sendable () -> Date

    /// An interceptor using `authenticator`, and `limiter` unless it is nil (no rate limits);
    /// `clock` is read once per call, for both.
    public init(authenticator: Authenticator, limiter: RateLimiter?, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.authenticator = authenticator
        self.limiter = limiter
        self.clock = clock
    }

    public nonisolated(nonsending) func intercept(
        context: ServerContext, next: nonisolated(nonsending) @Sendable (ServerContext) async throws -> Void
    ) async throws {
        let requirement = ScopeTable.requirement(for: context.path)
        guard requirement.needsKey else { return try await next(context) }
        let credential = try Self.bearer(in: context.metadata)
        // A connection carries one caller, usually: its last credential is checked again cheaply.
        let previous = context.connection[ConnectionAccessKey.self]
        let now = clock()
        let principal: Principal
        var session = previous?.session
        if let known = try authenticator.reauthenticate(credential, with: session, at: now) {
            principal = known
        } else {
            (principal, session) = try await authenticator.authenticate(credential, reusing: session)
        }
        guard requirement.isSatisfied(by: principal.scopeMask) else {
            let needed = requirement.scopeToName
            throw DomainError.permissionDenied(
                needed: needed,
                reason: "\(context.service)/\(context.method) needs an API key with the \(needed.name) scope (or FULL_ACCESS)")
        }
        let ticket = limiter?.ticket(for: principal, reusing: previous?.ticket)
        if let session, session !== previous?.session || ticket !== previous?.ticket {
            context.connection[ConnectionAccessKey.self] = ConnectionAccess(session: session, ticket: ticket)
        }
        if let limiter, let ticket, try !limiter.admitNow(ticket, at: now) { try await limiter.admit(ticket) }
        var context = context
        context.values[PrincipalKey.self] = principal
        try await next(context)
    }

    static func bearer(in metadata: Metadata) throws(DomainError) -> Substring {
        guard let value = metadata.first("authorization") else {
            throw .unauthenticated("missing authorization metadata: send \"authorization: Bearer <API key>\"")
        }
        // "Bearer", case-insensitive, then spaces, then the credential (no Foundation on this path).
        let bytes = value.utf8
        let scheme = "bearer".utf8
        var index = bytes.startIndex
        for expected in scheme {
            guard index != bytes.endIndex, bytes[index] | 0x20 == expected else { throw Self.malformed }
            index = bytes.index(after: index)
        }
        guard index != bytes.endIndex, bytes[index] == UInt8(ascii: " ") else { throw Self.malformed }
        while index != bytes.endIndex, bytes[index] == UInt8(ascii: " ") { index = bytes.index(after: index) }
        var end = bytes.endIndex
        while end > index, bytes[bytes.index(before: end)] == UInt8(ascii: " ") { end = bytes.index(before: end) }
        guard index != end else { throw Self.malformed }
        return value[index..<end]
    }

    private static let malformed = DomainError.unauthenticated("malformed authorization metadata: expected \"Bearer <API key>\"")
}
