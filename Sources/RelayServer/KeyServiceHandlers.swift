internal import Foundation
internal import ProtoWire
internal import RelayAPI
public import RelayCore
internal import RelayDomain
public import RelayRPC

/// `relay.v1.KeyService`: the contract's messages in and out of ``KeyManagement``.
public struct KeyServiceHandlers: RPCService {
    let keys: KeyManagement

    /// Handlers over the key-management use cases.
    public init(keys: KeyManagement) { self.keys = keys }

    public var methods: [RPCMethod] {
        let service = "relay.v1.KeyService"
        let keys = self.keys
        return [
            .unary(service, "CreateKey", CreateKeyRequest.self, CreateKeyResponse.self) { request, context in
                let caller = try context.principal
                let created = try await keys.create(
                    name: request.name, scopes: try KeyMapping.scopes(request.scopes),
                    expiresAt: try request.expireTime?.date(field: "expire_time"),
                    rateLimits: KeyMapping.limits(request.rateLimits), by: caller, requestID: context.requestID)
                var response = CreateKeyResponse()
                response.key = KeyMapping.message(created.key)
                response.secret = created.secret
                return response
            },
            .unary(service, "GetKey", GetKeyRequest.self, GetKeyResponse.self) { request, context in
                var response = GetKeyResponse()
                response.key = KeyMapping.message(try await keys.get(try KeyMapping.keyID(request.keyID), by: try context.principal))
                return response
            },
            .unary(service, "ListKeys", ListKeysRequest.self, ListKeysResponse.self) { request, context in
                let page = try await keys.list(
                    pageSize: Int(request.pageSize), pageToken: request.pageToken, includeRevoked: request.includeRevoked,
                    by: try context.principal)
                var response = ListKeysResponse()
                let now = Date()
                response.keys = page.keys.map { KeyMapping.message($0, now: now) }
                response.nextPageToken = page.nextPageToken
                response.totalSize = Int32(clamping: page.totalCount)
                return response
            },
            .unary(service, "UpdateKey", UpdateKeyRequest.self, UpdateKeyResponse.self) { request, context in
                guard let key = request.key else { throw DomainError.invalidArgument(field: "key", reason: "is required") }
                let settings = KeySettings(
                    name: key.name, scopes: request.updateMask?.paths.contains("scopes") == true ? try KeyMapping.scopes(key.scopes, field: "key.scopes") : [],
                    expiresAt: try key.expireTime?.date(field: "key.expire_time"), rateLimits: KeyMapping.limits(key.rateLimits))
                var response = UpdateKeyResponse()
                response.key = KeyMapping.message(
                    try await keys.update(
                        try KeyMapping.keyID(key.keyID, field: "key.key_id"), fields: request.updateMask?.paths ?? [], to: settings,
                        by: try context.principal, requestID: context.requestID))
                return response
            },
            .unary(service, "RevokeKey", RevokeKeyRequest.self, RevokeKeyResponse.self) { request, context in
                var response = RevokeKeyResponse()
                response.key = KeyMapping.message(
                    try await keys.revoke(try KeyMapping.keyID(request.keyID), by: try context.principal, requestID: context.requestID))
                return response
            },
            .unary(service, "RotateKey", RotateKeyRequest.self, RotateKeyResponse.self) { request, context in
                var grace: Duration?
                if let period = request.gracePeriod {
                    guard period.seconds >= 0, period.nanos >= 0, period.nanos < 1_000_000_000 else {
                        throw DomainError.invalidArgument(field: "grace_period", reason: "must be between 0 and 7 days")
                    }
                    grace = .seconds(period.seconds) + .nanoseconds(Int64(period.nanos))
                }
                let rotated = try await keys.rotate(
                    try KeyMapping.keyID(request.keyID), gracePeriod: grace, by: try context.principal, requestID: context.requestID)
                var response = RotateKeyResponse()
                response.key = KeyMapping.message(rotated.key)
                response.secret = rotated.secret
                response.oldSecretExpireTime = Timestamp(rotated.oldSecretExpiresAt)
                return response
            },
        ]
    }
}
