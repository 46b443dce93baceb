internal import Foundation

/// What an API key may do (the contract's `KeyScope`, same numbers). A call is allowed when any
/// of the key's scopes allows it.
public enum Scope: Int16, CaseIterable, Sendable, Hashable, Comparable {
    /// Every RPC of every service, including managing keys.
    case fullAccess = 1
    /// Sending, and following the messages sent.
    case send = 2
    /// Managing sending domains.
    case domains = 3
    /// Managing templates.
    case templates = 4
    /// Managing the suppression list.
    case suppressions = 5
    /// Reading statistics and alert rules.
    case analytics = 6
    /// The read-only RPCs of every service but key management.
    case readOnly = 7

    /// The contract's name, such as `FULL_ACCESS`.
    public var name: String {
        switch self {
        case .fullAccess: "FULL_ACCESS"
        case .send: "SEND"
        case .domains: "DOMAINS"
        case .templates: "TEMPLATES"
        case .suppressions: "SUPPRESSIONS"
        case .analytics: "ANALYTICS"
        case .readOnly: "READ_ONLY"
        }
    }

    /// The scope with a contract name (`FULL_ACCESS`, case-insensitive, `-` for `_` allowed).
    public init?(name: String) {
        let normalized = name.uppercased().replacingOccurrences(of: "-", with: "_")
        guard let scope = Scope.allCases.first(where: { $0.name == normalized }) else { return nil }
        self = scope
    }

    public static func < (a: Scope, b: Scope) -> Bool { a.rawValue < b.rawValue }
}

/// A set of scopes as bits (bit `n` for the scope numbered `n`): checking a call's scope is one AND.
public struct ScopeMask: Sendable, Hashable {
    /// The bits.
    public let bits: UInt8

    /// The mask of `scopes`.
    public init(_ scopes: some Sequence<Scope>) {
        bits = scopes.reduce(0) { $0 | (1 << UInt8($1.rawValue)) }
    }

    /// Whether the two masks share a scope.
    public func intersects(_ other: ScopeMask) -> Bool { bits & other.bits != 0 }
}

/// What a call needs: a key with one of some scopes (FULL_ACCESS always among them), or no key.
public struct Requirement: Sendable, Equatable {
    /// The scopes any one of which allows the call; nil when it needs no key.
    public let allowed: Set<Scope>?
    private let mask: ScopeMask

    private init(_ allowed: Set<Scope>?) {
        self.allowed = allowed
        mask = ScopeMask(allowed ?? [])
    }

    /// No key needed (health checks, reflection).
    public static let none = Requirement(nil)

    /// A key with one of `scopes`, or FULL_ACCESS.
    public static func anyOf(_ scopes: Set<Scope>) -> Requirement { Requirement(scopes.union([.fullAccess])) }

    /// Whether the call needs a key.
    public var needsKey: Bool { allowed != nil }

    /// Whether a key with the scopes of `mask` may make the call.
    public func isSatisfied(by mask: ScopeMask) -> Bool { allowed == nil || self.mask.intersects(mask) }

    /// The scope to name when a key lacks it: the most specific one allowed.
    public var scopeToName: Scope {
        guard let allowed else { return .fullAccess }
        return allowed.filter { $0 != .readOnly && $0 != .fullAccess }.min() ?? allowed.min() ?? .fullAccess
    }
}
