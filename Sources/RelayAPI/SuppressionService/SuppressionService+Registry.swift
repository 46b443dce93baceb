extension RelayMessages {
    /// The messages of `suppression_service.proto`, nested ones included.
    public static let suppressionService: [any ProtoMessage.Type] = [
        Suppression.self,
        SuppressionFilter.self,
        AddSuppressionsRequest.self,
        AddSuppressionsRequest.Entry.self,
        AddSuppressionsResponse.self,
        AddSuppressionsResponse.EntryResult.self,
        RemoveSuppressionRequest.self,
        RemoveSuppressionResponse.self,
        GetSuppressionRequest.self,
        GetSuppressionResponse.self,
        ListSuppressionsRequest.self,
        ListSuppressionsResponse.self,
        ImportSuppressionsRequest.self,
        ImportSuppressionsRequest.Options.self,
        ImportSuppressionsResponse.self,
        ImportSuppressionsResponse.Rejection.self,
        ExportSuppressionsRequest.self,
        ExportSuppressionsResponse.self,
    ]
}
