extension RelayMessages {
    /// The messages of `domain_service.proto`, nested ones included.
    public static let domainService: [any ProtoMessage.Type] = []
}
