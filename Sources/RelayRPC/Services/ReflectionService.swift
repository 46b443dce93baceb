/// `grpc.reflection.v1.ServerReflection` and its `v1alpha` twin: lists the services a server
/// serves and returns the descriptors of their `.proto` files, so grpcurl and Postman need no
/// `.proto` files at hand.
public struct ReflectionService: RPCService {
    private let pool: DescriptorPool
    private let serviceNames: [String]

    /// Serves the files of `pool`, listing `serviceNames` (the services the server routes to,
    /// reflection itself included).
    public init(pool: DescriptorPool, serviceNames: [String]) {
        self.pool = pool
        self.serviceNames = serviceNames.sorted()
    }

    typealias V1 = Grpc.Reflection.V1
    typealias V1Alpha = Grpc.Reflection.V1Alpha

    public var methods: [RPCMethod] {
        [
            .bidirectionalStreaming(
                "grpc.reflection.v1.ServerReflection", "ServerReflectionInfo", V1.ServerReflectionRequest.self,
                V1.ServerReflectionResponse.self
            ) { requests, writer, _ in
                for try await request in requests { try await writer.write(answer(request)) }
            },
            .bidirectionalStreaming(
                "grpc.reflection.v1alpha.ServerReflection", "ServerReflectionInfo", V1Alpha.ServerReflectionRequest.self,
                V1Alpha.ServerReflectionResponse.self
            ) { requests, writer, _ in
                for try await request in requests {
                    try await writer.write(V1Alpha.ServerReflectionResponse(answer(V1.ServerReflectionRequest(request))))
                }
            },
        ]
    }

    /// The answer to one reflection request.
    func answer(_ request: V1.ServerReflectionRequest) -> V1.ServerReflectionResponse {
        let response: V1.ServerReflectionResponse.MessageResponse
        switch request.messageRequest {
        case .listServices?:
            response = .listServicesResponse(V1.ListServiceResponse(service: serviceNames.map { V1.ServiceResponse(name: $0) }))
        case .fileByFilename(let name)?:
            response = files(pool.file(named: name), notFound: "file \(name) not found")
        case .fileContainingSymbol(let symbol)?:
            response = files(pool.file(containingSymbol: symbol), notFound: "symbol \(symbol) not found")
        case .fileContainingExtension(let ext)?:
            response = .errorResponse(
                V1.ErrorResponse(errorCode: StatusCode.notFound.rawValue, errorMessage: "extension \(ext.containingType)(\(ext.extensionNumber)) not found"))
        case .allExtensionNumbersOfType(let type)?:
            if pool.file(containingSymbol: type) != nil {
                response = .allExtensionNumbersResponse(V1.ExtensionNumberResponse(baseTypeName: type, extensionNumber: []))
            } else {
                response = .errorResponse(V1.ErrorResponse(errorCode: StatusCode.notFound.rawValue, errorMessage: "type \(type) not found"))
            }
        case nil:
            response = .errorResponse(V1.ErrorResponse(errorCode: StatusCode.invalidArgument.rawValue, errorMessage: "empty reflection request"))
        }
        return V1.ServerReflectionResponse(validHost: request.host, originalRequest: request, response)
    }

    private func files(_ file: DescriptorPool.File?, notFound: String) -> V1.ServerReflectionResponse.MessageResponse {
        guard let file else {
            return .errorResponse(V1.ErrorResponse(errorCode: StatusCode.notFound.rawValue, errorMessage: notFound))
        }
        // The file first, then its dependencies: clients resolve imports from the same response.
        var ordered = pool.fileWithDependencies(file).reversed().map(\.bytes)
        if ordered.isEmpty { ordered = [file.bytes] }
        return .fileDescriptorResponse(V1.FileDescriptorResponse(fileDescriptorProto: ordered))
    }
}
