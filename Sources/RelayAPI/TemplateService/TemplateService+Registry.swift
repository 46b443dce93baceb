extension RelayMessages {
    /// The messages of `template_service.proto`, nested ones included.
    public static let templateService: [any ProtoMessage.Type] = []
}
