extension RelayMessages {
    /// The messages of `send_service.proto`, nested ones included.
    public static let sendService: [any ProtoMessage.Type] = [
        SendEmailRequest.self,
        SendEmailRequest.ListUnsubscribe.self,
        EmailContent.self,
        TemplateReference.self,
        SendEmailResponse.self,
        SendEmailResponse.RecipientResult.self,
        SendEmailBatchRequest.self,
        SendEmailBatchResponse.self,
        SendEmailBatchResponse.MessageResult.self,
    ]
}
