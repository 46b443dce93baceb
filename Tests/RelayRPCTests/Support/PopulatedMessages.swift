import ProtoWire
import RelayRPC

/// One fully populated value of every message in ``StandardMessages/all``: every field set to a
/// value other than its default (checked by `unsetFields(of:)`). A oneof holds one member here;
/// the codec tests cover the other members.
enum Populated {
    static let all: [any ProtoMessage] = wellKnownTypes + googleRpc + health + reflectionV1 + reflectionV1Alpha

    // MARK: Well-known types

    static let timestamp = Google.Protobuf.Timestamp(seconds: 1_767_225_600, nanos: 123_456_789)
    static let duration = Google.Protobuf.Duration(seconds: -90, nanos: -500_000_000)
    static let fieldMask = Google.Protobuf.FieldMask(paths: ["display_name", "limits.per_second"])
    static let empty = withUnknownField(Google.Protobuf.Empty())
    static let any = Google.Protobuf.`Any`(packing: retryInfo)
    static let listValue = Google.Protobuf.ListValue(values: [
        Google.Protobuf.Value(.numberValue(2.5)), Google.Protobuf.Value(.stringValue("two")),
        Google.Protobuf.Value(.boolValue(true)),
    ])
    static let structValue = Google.Protobuf.Struct(fields: [
        "nothing": Google.Protobuf.Value(.nullValue(.nullValue)),
        "list": Google.Protobuf.Value(.listValue(listValue)),
        "nested": Google.Protobuf.Value(.structValue(Google.Protobuf.Struct(fields: ["n": Google.Protobuf.Value(.numberValue(-1))]))),
    ])
    static let value = Google.Protobuf.Value(.structValue(structValue))

    static let wellKnownTypes: [any ProtoMessage] = [
        timestamp, duration, fieldMask, empty, any, structValue, value, listValue,
    ]

    // MARK: google.rpc

    static let localizedMessage = Google.Rpc.LocalizedMessage(locale: "fr-CH", message: "Adresse invalide")
    static let errorInfo = Google.Rpc.ErrorInfo(
        reason: "DOMAIN_NOT_VERIFIED", domain: "relay.theonerelay.com",
        metadata: ["domain": "example.com", "account": "acme"])
    static let retryInfo = Google.Rpc.RetryInfo(retryDelay: Google.Protobuf.Duration(seconds: 30, nanos: 250_000_000))
    static let debugInfo = Google.Rpc.DebugInfo(
        stackEntries: ["SendService.send", "Queue.enqueue"], detail: "queue full")
    static let quotaViolation: Google.Rpc.QuotaFailure.Violation = {
        var v = Google.Rpc.QuotaFailure.Violation(subject: "account:acme", description: "Daily send limit exceeded")
        v.apiService = "relay.theonerelay.com"
        v.quotaMetric = "relay.theonerelay.com/messages_sent"
        v.quotaID = "MessagesPerDay"
        v.quotaDimensions = ["region": "eu", "plan": "free"]
        v.quotaValue = 10_000
        v.futureQuotaValue = 50_000
        return v
    }()
    static let quotaFailure = Google.Rpc.QuotaFailure(violations: [quotaViolation])
    static let preconditionViolation = Google.Rpc.PreconditionFailure.Violation(
        type: "DOMAIN_VERIFICATION", subject: "example.com", description: "Publish the DKIM record first")
    static let preconditionFailure = Google.Rpc.PreconditionFailure(violations: [preconditionViolation])
    static let fieldViolation = Google.Rpc.BadRequest.FieldViolation(
        field: "to[0].address", description: "not an email address", reason: "INVALID_EMAIL_ADDRESS",
        localizedMessage: localizedMessage)
    static let badRequest = Google.Rpc.BadRequest(fieldViolations: [fieldViolation])
    static let requestInfo = Google.Rpc.RequestInfo(requestID: "req-7f3a", servingData: "c2VydmVy")
    static let resourceInfo = Google.Rpc.ResourceInfo(
        resourceType: "type.googleapis.com/relay.v1.Domain", resourceName: "domains/example.com",
        owner: "account:acme", description: "permission relay.domains.update is required")
    static let helpLink = Google.Rpc.Help.Link(
        description: "Verify your sending domain", URL: "https://docs.theonerelay.com/domains")
    static let help = Google.Rpc.Help(links: [helpLink])
    static let status = Google.Rpc.Status(
        code: 9, message: "domain not verified",
        details: [Google.Protobuf.`Any`(packing: errorInfo), Google.Protobuf.`Any`(packing: help)])

    static let googleRpc: [any ProtoMessage] = [
        status, errorInfo, retryInfo, debugInfo, quotaFailure, quotaViolation, preconditionFailure,
        preconditionViolation, badRequest, fieldViolation, requestInfo, resourceInfo, help, helpLink,
        localizedMessage,
    ]

    // MARK: grpc.health.v1

    static let healthCheckRequest = Grpc.Health.V1.HealthCheckRequest(service: "relay.v1.SendService")
    static let healthCheckResponse = Grpc.Health.V1.HealthCheckResponse(status: .notServing)
    static let healthListRequest = withUnknownField(Grpc.Health.V1.HealthListRequest())
    static let healthListResponse = Grpc.Health.V1.HealthListResponse(statuses: [
        "relay.v1.SendService": Grpc.Health.V1.HealthCheckResponse(status: .serving),
        "relay.v1.DomainService": Grpc.Health.V1.HealthCheckResponse(status: .notServing),
    ])

    static let health: [any ProtoMessage] = [
        healthCheckRequest, healthCheckResponse, healthListRequest, healthListResponse,
    ]

    // MARK: grpc.reflection.v1

    static let extensionRequestV1 = Grpc.Reflection.V1.ExtensionRequest(
        containingType: "google.protobuf.FieldOptions", extensionNumber: 50_001)
    static let requestV1 = Grpc.Reflection.V1.ServerReflectionRequest(
        host: "relay.example", .fileContainingExtension(extensionRequestV1))
    static let fileDescriptorResponseV1 = Grpc.Reflection.V1.FileDescriptorResponse(
        fileDescriptorProto: [[0x0a, 0x03, 0x61, 0x2e, 0x70], [0x0a, 0x01, 0x62]])
    static let extensionNumberResponseV1 = Grpc.Reflection.V1.ExtensionNumberResponse(
        baseTypeName: "google.protobuf.FieldOptions", extensionNumber: [50_001, 1, -2])
    static let serviceResponseV1 = Grpc.Reflection.V1.ServiceResponse(name: "relay.v1.SendService")
    static let listServiceResponseV1 = Grpc.Reflection.V1.ListServiceResponse(service: [
        serviceResponseV1, Grpc.Reflection.V1.ServiceResponse(name: "grpc.health.v1.Health"),
    ])
    static let errorResponseV1 = Grpc.Reflection.V1.ErrorResponse(errorCode: 5, errorMessage: "symbol not found")
    static let responseV1 = Grpc.Reflection.V1.ServerReflectionResponse(
        validHost: "relay.example", originalRequest: requestV1, .fileDescriptorResponse(fileDescriptorResponseV1))

    static let reflectionV1: [any ProtoMessage] = [
        requestV1, extensionRequestV1, responseV1, fileDescriptorResponseV1, extensionNumberResponseV1,
        listServiceResponseV1, serviceResponseV1, errorResponseV1,
    ]

    // MARK: grpc.reflection.v1alpha (the same values, converted)

    static let reflectionV1Alpha: [any ProtoMessage] = [
        Grpc.Reflection.V1Alpha.ServerReflectionRequest(requestV1),
        Grpc.Reflection.V1Alpha.ExtensionRequest(extensionRequestV1),
        Grpc.Reflection.V1Alpha.ServerReflectionResponse(responseV1),
        Grpc.Reflection.V1Alpha.FileDescriptorResponse(fileDescriptorResponseV1),
        Grpc.Reflection.V1Alpha.ExtensionNumberResponse(extensionNumberResponseV1),
        Grpc.Reflection.V1Alpha.ListServiceResponse(listServiceResponseV1),
        Grpc.Reflection.V1Alpha.ServiceResponse(serviceResponseV1),
        Grpc.Reflection.V1Alpha.ErrorResponse(errorResponseV1),
    ]

    /// `message` carrying one unknown field (field 15, varint 1), for messages with no fields.
    static func withUnknownField<M: ProtoMessage>(_ message: M) -> M {
        // Decoding can only fail on malformed input; these two bytes are well formed.
        var m = message
        try? m.merge(serializedBytes: [0x78, 0x01])
        return m
    }
}
