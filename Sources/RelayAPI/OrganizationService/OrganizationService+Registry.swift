extension RelayMessages {
    /// The messages of `organization_service.proto`.
    public static let organizationService: [any ProtoMessage.Type] = [
        Organization.self,
        GetOrganizationRequest.self, GetOrganizationResponse.self,
        UpdateOrganizationRequest.self, UpdateOrganizationResponse.self,
    ]
}
