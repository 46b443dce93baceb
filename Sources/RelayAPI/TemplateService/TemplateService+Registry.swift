extension RelayMessages {
    /// The messages of `template_service.proto`, nested ones included.
    public static let templateService: [any ProtoMessage.Type] = [
        Template.self,
        Template.Variable.self,
        CreateTemplateRequest.self,
        CreateTemplateResponse.self,
        GetTemplateRequest.self,
        GetTemplateResponse.self,
        ListTemplatesRequest.self,
        ListTemplatesResponse.self,
        UpdateTemplateRequest.self,
        UpdateTemplateResponse.self,
        DeleteTemplateRequest.self,
        DeleteTemplateResponse.self,
        RenderTemplateRequest.self,
        RenderTemplateResponse.self,
        RenderTemplateResponse.Warning.self,
        SendTestEmailRequest.self,
        SendTestEmailResponse.self,
    ]
}
