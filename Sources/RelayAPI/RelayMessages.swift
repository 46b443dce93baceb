/// Every message type of `Protos/relay/v1`, by proto file. Tests use it to check that each
/// message in the descriptor set has a codec, and that every codec agrees with protoc.
public enum RelayMessages {
    /// All message types, including nested ones.
    public static var all: [any ProtoMessage.Type] {
        common + sendService + messageService + domainService + keyService + templateService
            + suppressionService + analyticsService + inboundService + organizationService
    }

    /// The messages of `common.proto`.
    public static let common: [any ProtoMessage.Type] = [EmailAddress.self, Header.self, Attachment.self, Event.self]
}
