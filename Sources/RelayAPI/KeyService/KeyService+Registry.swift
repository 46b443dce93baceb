extension RelayMessages {
    /// The messages of `key_service.proto`, nested ones included.
    public static let keyService: [any ProtoMessage.Type] = []
}
