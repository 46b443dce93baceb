extension RelayMessages {
    /// The messages of `key_service.proto`, nested ones included.
    public static let keyService: [any ProtoMessage.Type] = [
        RateLimits.self, ApiKey.self,
        CreateKeyRequest.self, CreateKeyResponse.self,
        GetKeyRequest.self, GetKeyResponse.self,
        ListKeysRequest.self, ListKeysResponse.self,
        UpdateKeyRequest.self, UpdateKeyResponse.self,
        RevokeKeyRequest.self, RevokeKeyResponse.self,
        RotateKeyRequest.self, RotateKeyResponse.self,
    ]
}
