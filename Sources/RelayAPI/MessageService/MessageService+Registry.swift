extension RelayMessages {
    /// The messages of `message_service.proto`, nested ones included.
    public static let messageService: [any ProtoMessage.Type] = [
        EmailMessage.self,
        EmailMessage.Recipient.self,
        MessageFilter.self,
        GetMessageRequest.self,
        GetMessageResponse.self,
        SearchMessagesRequest.self,
        SearchMessagesResponse.self,
        ExportMessagesRequest.self,
        ExportMessagesResponse.self,
    ]
}
