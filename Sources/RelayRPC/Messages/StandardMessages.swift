public import ProtoWire

/// Every message type of gRPC's standard protos (google.rpc, grpc.health.v1, grpc.reflection) and
/// of the well-known types in ProtoWire, by proto file. Tests use it to check that each message
/// in the descriptor set has a codec, and that every codec agrees with protoc.
public enum StandardMessages {
    /// All message types, including nested ones.
    public static let all: [any ProtoMessage.Type] =
        wellKnownTypes + status + errorDetails + health + reflectionV1 + reflectionV1Alpha

    /// The well-known types of `google/protobuf/*.proto` that ProtoWire implements.
    public static let wellKnownTypes: [any ProtoMessage.Type] = [
        Google.Protobuf.Timestamp.self, Google.Protobuf.Duration.self, Google.Protobuf.FieldMask.self,
        Google.Protobuf.Empty.self, Google.Protobuf.`Any`.self, Google.Protobuf.Struct.self,
        Google.Protobuf.Value.self, Google.Protobuf.ListValue.self,
    ]

    /// The messages of `google/rpc/status.proto`.
    public static let status: [any ProtoMessage.Type] = [Google.Rpc.Status.self]

    /// The messages of `google/rpc/error_details.proto`, nested ones included.
    public static let errorDetails: [any ProtoMessage.Type] = [
        Google.Rpc.ErrorInfo.self, Google.Rpc.RetryInfo.self, Google.Rpc.DebugInfo.self,
        Google.Rpc.QuotaFailure.self, Google.Rpc.QuotaFailure.Violation.self,
        Google.Rpc.PreconditionFailure.self, Google.Rpc.PreconditionFailure.Violation.self,
        Google.Rpc.BadRequest.self, Google.Rpc.BadRequest.FieldViolation.self,
        Google.Rpc.RequestInfo.self, Google.Rpc.ResourceInfo.self,
        Google.Rpc.Help.self, Google.Rpc.Help.Link.self, Google.Rpc.LocalizedMessage.self,
    ]

    /// The messages of `grpc/health/v1/health.proto`.
    public static let health: [any ProtoMessage.Type] = [
        Grpc.Health.V1.HealthCheckRequest.self, Grpc.Health.V1.HealthCheckResponse.self,
        Grpc.Health.V1.HealthListRequest.self, Grpc.Health.V1.HealthListResponse.self,
    ]

    /// The messages of `grpc/reflection/v1/reflection.proto`.
    public static let reflectionV1: [any ProtoMessage.Type] = [
        Grpc.Reflection.V1.ServerReflectionRequest.self, Grpc.Reflection.V1.ExtensionRequest.self,
        Grpc.Reflection.V1.ServerReflectionResponse.self, Grpc.Reflection.V1.FileDescriptorResponse.self,
        Grpc.Reflection.V1.ExtensionNumberResponse.self, Grpc.Reflection.V1.ListServiceResponse.self,
        Grpc.Reflection.V1.ServiceResponse.self, Grpc.Reflection.V1.ErrorResponse.self,
    ]

    /// The messages of `grpc/reflection/v1alpha/reflection.proto`.
    public static let reflectionV1Alpha: [any ProtoMessage.Type] = [
        Grpc.Reflection.V1Alpha.ServerReflectionRequest.self, Grpc.Reflection.V1Alpha.ExtensionRequest.self,
        Grpc.Reflection.V1Alpha.ServerReflectionResponse.self, Grpc.Reflection.V1Alpha.FileDescriptorResponse.self,
        Grpc.Reflection.V1Alpha.ExtensionNumberResponse.self, Grpc.Reflection.V1Alpha.ListServiceResponse.self,
        Grpc.Reflection.V1Alpha.ServiceResponse.self, Grpc.Reflection.V1Alpha.ErrorResponse.self,
    ]
}
