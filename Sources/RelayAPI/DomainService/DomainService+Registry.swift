extension RelayMessages {
    /// The messages of `domain_service.proto`, nested ones included.
    public static let domainService: [any ProtoMessage.Type] = [
        DkimKey.self, DnsRecord.self, Domain.self,
        CreateDomainRequest.self, CreateDomainResponse.self,
        GetDomainRequest.self, GetDomainResponse.self,
        ListDomainsRequest.self, ListDomainsResponse.self,
        VerifyDomainRequest.self, VerifyDomainResponse.self,
        DeleteDomainRequest.self, DeleteDomainResponse.self,
        RotateDkimKeyRequest.self, RotateDkimKeyResponse.self,
    ]
}
