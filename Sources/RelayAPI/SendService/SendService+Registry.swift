extension RelayMessages {
    /// The messages of `send_service.proto`, nested ones included.
    public static let sendService: [any ProtoMessage.Type] = []
}
