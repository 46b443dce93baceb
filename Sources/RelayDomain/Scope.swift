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

/// What a call needs: the scopes any one of which allows it, or none at all.
public enum Requirement: Sendable, Equatable {
    /// No key needed (health checks, reflection).
    case none
    /// A key with one of these scopes (FULL_ACCESS always allows).
    case anyOf(Set<Scope>)

    /// Whether `scopes` satisfy the requirement.
    public func isSatisfied(by scopes: Set<Scope>) -> Bool {
        switch self {
        case .none: true
        case .anyOf(let allowed): scopes.contains(.fullAccess) || !scopes.isDisjoint(with: allowed)
        }
    }

    /// The scope to name when a key lacks it: the most specific one allowed.
    public var scopeToName: Scope {
        switch self {
        case .none: .fullAccess
        case .anyOf(let allowed): allowed.filter { $0 != .readOnly && $0 != .fullAccess }.min() ?? allowed.min() ?? .fullAccess
        }
    }
}
