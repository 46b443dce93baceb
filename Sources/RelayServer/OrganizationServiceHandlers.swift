internal import Foundation
internal import ProtoWire
internal import RelayAPI
public import RelayCore
internal import RelayDomain
public import RelayRPC

/// `relay.v1.OrganizationService`: the contract's messages in and out of ``OrganizationSettings``.
public struct OrganizationServiceHandlers: RPCService {
    let settings: OrganizationSettings

    /// Handlers over the organization use cases.
    public init(settings: OrganizationSettings) { self.settings = settings }

    public var methods: [RPCMethod] {
        let service = "relay.v1.OrganizationService"
        let settings = self.settings
        return [
            .unary(service, "GetOrganization", GetOrganizationRequest.self, GetOrganizationResponse.self) { _, context in
                var response = GetOrganizationResponse()
                response.organization = Self.message(try await settings.get(by: try context.principal), settings)
                return response
            },
            .unary(service, "UpdateOrganization", UpdateOrganizationRequest.self, UpdateOrganizationResponse.self) { request, context in
                let caller = try context.principal
                let given = request.organization ?? RelayAPI.Organization()
                let wanted = RelayDomain.Organization(
                    id: caller.organizationID, name: given.name, createdAt: Date(), updatedAt: Date(),
                    rateLimits: KeyMapping.limits(given.rateLimits), defaultKeyRateLimits: KeyMapping.limits(given.defaultKeyRateLimits))
                var response = UpdateOrganizationResponse()
                response.organization = Self.message(
                    try await settings.update(request.updateMask?.paths ?? [], to: wanted, by: caller), settings)
                return response
            },
        ]
    }

    static func message(_ organization: RelayDomain.Organization, _ settings: OrganizationSettings) -> RelayAPI.Organization {
        var message = RelayAPI.Organization()
        message.organizationID = organization.id.description
        message.name = organization.name
        message.createTime = Timestamp(organization.createdAt)
        message.updateTime = Timestamp(organization.updatedAt)
        message.rateLimits = KeyMapping.message(organization.rateLimits)
        message.defaultKeyRateLimits = KeyMapping.message(organization.defaultKeyRateLimits)
        let effective = settings.effective(organization)
        message.effectiveRateLimits = KeyMapping.message(effective.organization)
        message.effectiveDefaultKeyRateLimits = KeyMapping.message(effective.keys)
        return message
    }
}
