extension RelayMessages {
    /// The messages of `analytics_service.proto`, nested ones included.
    public static let analyticsService: [any ProtoMessage.Type] = []
}
