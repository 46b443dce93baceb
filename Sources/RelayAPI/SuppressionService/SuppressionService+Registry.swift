extension RelayMessages {
    /// The messages of `suppression_service.proto`, nested ones included.
    public static let suppressionService: [any ProtoMessage.Type] = []
}
