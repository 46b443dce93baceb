// Conversions between grpc.reflection.v1alpha and grpc.reflection.v1, which differ only in their
// package name: a server answers both by converting v1alpha requests to v1 and the v1 responses
// back. Every field is carried over, unknown fields included (their bytes mean the same in both).
import ProtoWire

private typealias V1 = Grpc.Reflection.V1
private typealias V1Alpha = Grpc.Reflection.V1Alpha

extension Grpc.Reflection.V1Alpha.ServerReflectionRequest {
    /// The v1alpha form of a v1 request.
    public init(_ other: Grpc.Reflection.V1.ServerReflectionRequest) {
        self.init()
        host = other.host
        switch other.messageRequest {
        case .fileByFilename(let v)?: messageRequest = .fileByFilename(v)
        case .fileContainingSymbol(let v)?: messageRequest = .fileContainingSymbol(v)
        case .fileContainingExtension(let v)?: messageRequest = .fileContainingExtension(V1Alpha.ExtensionRequest(v))
        case .allExtensionNumbersOfType(let v)?: messageRequest = .allExtensionNumbersOfType(v)
        case .listServices(let v)?: messageRequest = .listServices(v)
        case nil: messageRequest = nil
        }
        unknownFields = other.unknownFields
    }
}

extension Grpc.Reflection.V1.ServerReflectionRequest {
    /// The v1 form of a v1alpha request.
    public init(_ other: Grpc.Reflection.V1Alpha.ServerReflectionRequest) {
        self.init()
        host = other.host
        switch other.messageRequest {
        case .fileByFilename(let v)?: messageRequest = .fileByFilename(v)
        case .fileContainingSymbol(let v)?: messageRequest = .fileContainingSymbol(v)
        case .fileContainingExtension(let v)?: messageRequest = .fileContainingExtension(V1.ExtensionRequest(v))
        case .allExtensionNumbersOfType(let v)?: messageRequest = .allExtensionNumbersOfType(v)
        case .listServices(let v)?: messageRequest = .listServices(v)
        case nil: messageRequest = nil
        }
        unknownFields = other.unknownFields
    }
}

extension Grpc.Reflection.V1Alpha.ExtensionRequest {
    /// The v1alpha form of a v1 extension request.
    public init(_ other: Grpc.Reflection.V1.ExtensionRequest) {
        self.init(containingType: other.containingType, extensionNumber: other.extensionNumber)
        unknownFields = other.unknownFields
    }
}

extension Grpc.Reflection.V1.ExtensionRequest {
    /// The v1 form of a v1alpha extension request.
    public init(_ other: Grpc.Reflection.V1Alpha.ExtensionRequest) {
        self.init(containingType: other.containingType, extensionNumber: other.extensionNumber)
        unknownFields = other.unknownFields
    }
}

extension Grpc.Reflection.V1Alpha.ServerReflectionResponse {
    /// The v1alpha form of a v1 response.
    public init(_ other: Grpc.Reflection.V1.ServerReflectionResponse) {
        self.init()
        validHost = other.validHost
        originalRequest = other.originalRequest.map { V1Alpha.ServerReflectionRequest($0) }
        switch other.messageResponse {
        case .fileDescriptorResponse(let v)?:
            messageResponse = .fileDescriptorResponse(V1Alpha.FileDescriptorResponse(v))
        case .allExtensionNumbersResponse(let v)?:
            messageResponse = .allExtensionNumbersResponse(V1Alpha.ExtensionNumberResponse(v))
        case .listServicesResponse(let v)?: messageResponse = .listServicesResponse(V1Alpha.ListServiceResponse(v))
        case .errorResponse(let v)?: messageResponse = .errorResponse(V1Alpha.ErrorResponse(v))
        case nil: messageResponse = nil
        }
        unknownFields = other.unknownFields
    }
}

extension Grpc.Reflection.V1.ServerReflectionResponse {
    /// The v1 form of a v1alpha response.
    public init(_ other: Grpc.Reflection.V1Alpha.ServerReflectionResponse) {
        self.init()
        validHost = other.validHost
        originalRequest = other.originalRequest.map { V1.ServerReflectionRequest($0) }
        switch other.messageResponse {
        case .fileDescriptorResponse(let v)?: messageResponse = .fileDescriptorResponse(V1.FileDescriptorResponse(v))
        case .allExtensionNumbersResponse(let v)?:
            messageResponse = .allExtensionNumbersResponse(V1.ExtensionNumberResponse(v))
        case .listServicesResponse(let v)?: messageResponse = .listServicesResponse(V1.ListServiceResponse(v))
        case .errorResponse(let v)?: messageResponse = .errorResponse(V1.ErrorResponse(v))
        case nil: messageResponse = nil
        }
        unknownFields = other.unknownFields
    }
}

extension Grpc.Reflection.V1Alpha.FileDescriptorResponse {
    /// The v1alpha form of a v1 file descriptor response.
    public init(_ other: Grpc.Reflection.V1.FileDescriptorResponse) {
        self.init(fileDescriptorProto: other.fileDescriptorProto)
        unknownFields = other.unknownFields
    }
}

extension Grpc.Reflection.V1.FileDescriptorResponse {
    /// The v1 form of a v1alpha file descriptor response.
    public init(_ other: Grpc.Reflection.V1Alpha.FileDescriptorResponse) {
        self.init(fileDescriptorProto: other.fileDescriptorProto)
        unknownFields = other.unknownFields
    }
}

extension Grpc.Reflection.V1Alpha.ExtensionNumberResponse {
    /// The v1alpha form of a v1 extension number response.
    public init(_ other: Grpc.Reflection.V1.ExtensionNumberResponse) {
        self.init(baseTypeName: other.baseTypeName, extensionNumber: other.extensionNumber)
        unknownFields = other.unknownFields
    }
}

extension Grpc.Reflection.V1.ExtensionNumberResponse {
    /// The v1 form of a v1alpha extension number response.
    public init(_ other: Grpc.Reflection.V1Alpha.ExtensionNumberResponse) {
        self.init(baseTypeName: other.baseTypeName, extensionNumber: other.extensionNumber)
        unknownFields = other.unknownFields
    }
}

extension Grpc.Reflection.V1Alpha.ListServiceResponse {
    /// The v1alpha form of a v1 service list.
    public init(_ other: Grpc.Reflection.V1.ListServiceResponse) {
        self.init(service: other.service.map { V1Alpha.ServiceResponse($0) })
        unknownFields = other.unknownFields
    }
}

extension Grpc.Reflection.V1.ListServiceResponse {
    /// The v1 form of a v1alpha service list.
    public init(_ other: Grpc.Reflection.V1Alpha.ListServiceResponse) {
        self.init(service: other.service.map { V1.ServiceResponse($0) })
        unknownFields = other.unknownFields
    }
}

extension Grpc.Reflection.V1Alpha.ServiceResponse {
    /// The v1alpha form of a v1 service entry.
    public init(_ other: Grpc.Reflection.V1.ServiceResponse) {
        self.init(name: other.name)
        unknownFields = other.unknownFields
    }
}

extension Grpc.Reflection.V1.ServiceResponse {
    /// The v1 form of a v1alpha service entry.
    public init(_ other: Grpc.Reflection.V1Alpha.ServiceResponse) {
        self.init(name: other.name)
        unknownFields = other.unknownFields
    }
}

extension Grpc.Reflection.V1Alpha.ErrorResponse {
    /// The v1alpha form of a v1 error.
    public init(_ other: Grpc.Reflection.V1.ErrorResponse) {
        self.init(errorCode: other.errorCode, errorMessage: other.errorMessage)
        unknownFields = other.unknownFields
    }
}

extension Grpc.Reflection.V1.ErrorResponse {
    /// The v1 form of a v1alpha error.
    public init(_ other: Grpc.Reflection.V1Alpha.ErrorResponse) {
        self.init(errorCode: other.errorCode, errorMessage: other.errorMessage)
        unknownFields = other.unknownFields
    }
}
