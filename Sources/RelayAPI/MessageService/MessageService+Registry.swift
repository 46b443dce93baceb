extension RelayMessages {
    /// The messages of `message_service.proto`, nested ones included.
    public static let messageService: [any ProtoMessage.Type] = []
}
