public import RelayDomain

/// The organization use cases (`OrganizationService`): its name, and the limits it sets for
/// itself and for its keys. An organization may lower its limits below the server's defaults,
/// never raise them above (that is the operator's); a key default may not pass the organization's
/// limit in force.
public struct OrganizationSettings: Sendable {
    private let organizations: any OrganizationRepository
    private let serverOrganizationLimits: RateLimits
    private let serverKeyLimits: RateLimits

    /// Use cases over `organizations`, with the server's default limits.
    public init(organizations: any OrganizationRepository, serverOrganizationLimits: RateLimits, serverKeyLimits: RateLimits) {
        self.organizations = organizations
        self.serverOrganizationLimits = serverOrganizationLimits
        self.serverKeyLimits = serverKeyLimits
    }

    /// The caller's organization.
    public func get(by caller: Principal) async throws(DomainError) -> Organization {
        try await organizations.get(caller.organizationID)
    }

    /// The limits in force: the organization's own and its key defaults, each window filled from
    /// the server's defaults.
    public func effective(_ organization: Organization) -> (organization: RateLimits, keys: RateLimits) {
        (organization.rateLimits.filled(from: serverOrganizationLimits), organization.defaultKeyRateLimits.filled(from: serverKeyLimits))
    }

    /// Changes the fields named in `fields` (`name`, `rate_limits`, `default_key_rate_limits`, or
    /// single limits such as `rate_limits.per_minute`) to their values in `wanted`.
    public func update(_ fields: [String], to wanted: Organization, by caller: Principal) async throws(DomainError) -> Organization {
        guard !fields.isEmpty else { throw .invalidArgument(field: "update_mask", reason: "name at least one field to change") }
        var next = try await organizations.get(caller.organizationID)
        for field in Set(fields) {
            switch field {
            case "name": next.name = wanted.name
            case "rate_limits": next.rateLimits = wanted.rateLimits
            case "default_key_rate_limits": next.defaultKeyRateLimits = wanted.defaultKeyRateLimits
            default:
                guard let (group, window) = Self.singleLimit(field) else {
                    throw .invalidArgument(
                        field: "update_mask",
                        reason: "\"\(field)\" cannot be changed (name, rate_limits, default_key_rate_limits and their per_second … per_day can)")
                }
                if group == "rate_limits" {
                    next.rateLimits[window] = wanted.rateLimits[window]
                } else {
                    next.defaultKeyRateLimits[window] = wanted.defaultKeyRateLimits[window]
                }
            }
        }
        try KeyManagement.check(name: next.name, field: "organization.name", maxLength: 200)
        for window in RateWindow.allCases {
            if let limit = next.rateLimits[window] {
                guard limit >= 1 else { throw .invalidArgument(field: "organization.rate_limits.per_\(window.name)", reason: "must be at least 1") }
                if let cap = serverOrganizationLimits[window], limit > cap {
                    throw .invalidArgument(
                        field: "organization.rate_limits.per_\(window.name)",
                        reason: "\(limit) is above the server's limit of \(cap) per \(window.name); only the operator can raise it")
                }
            }
            if let limit = next.defaultKeyRateLimits[window] {
                guard limit >= 1 else {
                    throw .invalidArgument(field: "organization.default_key_rate_limits.per_\(window.name)", reason: "must be at least 1")
                }
                if let cap = next.rateLimits.filled(from: serverOrganizationLimits)[window], limit > cap {
                    throw .invalidArgument(
                        field: "organization.default_key_rate_limits.per_\(window.name)",
                        reason: "\(limit) is above the organization's limit of \(cap) per \(window.name)")
                }
            }
        }
        return try await organizations.update(
            caller.organizationID, name: next.name, rateLimits: next.rateLimits, defaultKeyRateLimits: next.defaultKeyRateLimits)
    }

    private static func singleLimit(_ field: String) -> (String, RateWindow)? {
        for group in ["rate_limits", "default_key_rate_limits"] {
            for window in RateWindow.allCases where field == "\(group).per_\(window.name)" { return (group, window) }
        }
        return nil
    }
}
