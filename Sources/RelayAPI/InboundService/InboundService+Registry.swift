extension RelayMessages {
    /// The messages of `inbound_service.proto`, nested ones included.
    public static let inboundService: [any ProtoMessage.Type] = []
}
