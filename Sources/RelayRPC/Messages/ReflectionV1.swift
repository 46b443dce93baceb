// Codecs for Protos/grpc/reflection/v1/reflection.proto. ReflectionV1Alpha.swift holds the same
// messages for grpc.reflection.v1alpha; keep the two files in step.
public import ProtoWire

extension Grpc.Reflection.V1 {
    /// `grpc.reflection.v1.ServerReflectionRequest`: one question from a reflection client.
    public struct ServerReflectionRequest: ProtoMessage, Hashable {
        public static let protoMessageName = "grpc.reflection.v1.ServerReflectionRequest"

        /// `oneof message_request { string file_by_filename = 3; string file_containing_symbol = 4;
        /// ExtensionRequest file_containing_extension = 5; string all_extension_numbers_of_type = 6;
        /// string list_services = 7; }`
        public enum MessageRequest: Sendable, Hashable {
            case fileByFilename(String)
            case fileContainingSymbol(String)
            case fileContainingExtension(ExtensionRequest)
            case allExtensionNumbersOfType(String)
            /// The string's content is ignored; the case is set (even to "") to ask for the list.
            case listServices(String)
        }

        /// `string host = 1;`
        public var host: String = ""
        /// The question; nil when none was set.
        public var messageRequest: MessageRequest?
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a request asking `messageRequest`.
        public init(host: String = "", _ messageRequest: MessageRequest) {
            self.host = host
            self.messageRequest = messageRequest
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, host)
            switch messageRequest {
            case .fileByFilename(let v)?: sink.string(3, Optional(v))
            case .fileContainingSymbol(let v)?: sink.string(4, Optional(v))
            case .fileContainingExtension(let v)?: sink.message(5, v)
            case .allExtensionNumbersOfType(let v)?: sink.string(6, Optional(v))
            case .listServices(let v)?: sink.string(7, Optional(v))
            case nil: break
            }
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &host)
            case 3: messageRequest = .fileByFilename(try reader.string(tag))
            case 4: messageRequest = .fileContainingSymbol(try reader.string(tag))
            case 5:
                var v = ExtensionRequest()
                if case .fileContainingExtension(let old)? = messageRequest { v = old }
                try reader.message(tag, into: &v)
                messageRequest = .fileContainingExtension(v)
            case 6: messageRequest = .allExtensionNumbersOfType(try reader.string(tag))
            case 7: messageRequest = .listServices(try reader.string(tag))
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `grpc.reflection.v1.ExtensionRequest`: an extension, by extended type and field number.
    public struct ExtensionRequest: ProtoMessage, Hashable {
        public static let protoMessageName = "grpc.reflection.v1.ExtensionRequest"
        /// `string containing_type = 1;`
        public var containingType: String = ""
        /// `int32 extension_number = 2;`
        public var extensionNumber: Int32 = 0
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates an extension request.
        public init(containingType: String, extensionNumber: Int32) {
            self.containingType = containingType
            self.extensionNumber = extensionNumber
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, containingType)
            sink.int32(2, extensionNumber)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &containingType)
            case 2: try reader.int32(tag, into: &extensionNumber)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `grpc.reflection.v1.ServerReflectionResponse`: the server's answer to one question.
    public struct ServerReflectionResponse: ProtoMessage, Hashable {
        public static let protoMessageName = "grpc.reflection.v1.ServerReflectionResponse"

        /// `oneof message_response { FileDescriptorResponse file_descriptor_response = 4;
        /// ExtensionNumberResponse all_extension_numbers_response = 5;
        /// ListServiceResponse list_services_response = 6; ErrorResponse error_response = 7; }`
        public enum MessageResponse: Sendable, Hashable {
            case fileDescriptorResponse(FileDescriptorResponse)
            case allExtensionNumbersResponse(ExtensionNumberResponse)
            case listServicesResponse(ListServiceResponse)
            case errorResponse(ErrorResponse)
        }

        /// `string valid_host = 1;`
        public var validHost: String = ""
        /// `ServerReflectionRequest original_request = 2;`
        public var originalRequest: ServerReflectionRequest?
        /// The answer; nil when none was set.
        public var messageResponse: MessageResponse?
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a response answering `originalRequest`.
        public init(
            validHost: String = "", originalRequest: ServerReflectionRequest?, _ messageResponse: MessageResponse
        ) {
            self.validHost = validHost
            self.originalRequest = originalRequest
            self.messageResponse = messageResponse
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, validHost)
            sink.message(2, originalRequest)
            switch messageResponse {
            case .fileDescriptorResponse(let v)?: sink.message(4, v)
            case .allExtensionNumbersResponse(let v)?: sink.message(5, v)
            case .listServicesResponse(let v)?: sink.message(6, v)
            case .errorResponse(let v)?: sink.message(7, v)
            case nil: break
            }
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &validHost)
            case 2: try reader.message(tag, into: &originalRequest)
            case 4:
                var v = FileDescriptorResponse()
                if case .fileDescriptorResponse(let old)? = messageResponse { v = old }
                try reader.message(tag, into: &v)
                messageResponse = .fileDescriptorResponse(v)
            case 5:
                var v = ExtensionNumberResponse()
                if case .allExtensionNumbersResponse(let old)? = messageResponse { v = old }
                try reader.message(tag, into: &v)
                messageResponse = .allExtensionNumbersResponse(v)
            case 6:
                var v = ListServiceResponse()
                if case .listServicesResponse(let old)? = messageResponse { v = old }
                try reader.message(tag, into: &v)
                messageResponse = .listServicesResponse(v)
            case 7:
                var v = ErrorResponse()
                if case .errorResponse(let old)? = messageResponse { v = old }
                try reader.message(tag, into: &v)
                messageResponse = .errorResponse(v)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `grpc.reflection.v1.FileDescriptorResponse`: serialized `FileDescriptorProto`s.
    public struct FileDescriptorResponse: ProtoMessage, Hashable {
        public static let protoMessageName = "grpc.reflection.v1.FileDescriptorResponse"
        /// `repeated bytes file_descriptor_proto = 1;`
        public var fileDescriptorProto: [[UInt8]] = []
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a response carrying serialized file descriptors, the requested file first.
        public init(fileDescriptorProto: [[UInt8]]) {
            self.fileDescriptorProto = fileDescriptorProto
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.bytes(1, fileDescriptorProto)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.bytes(tag, into: &fileDescriptorProto)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `grpc.reflection.v1.ExtensionNumberResponse`: the known extensions of one message type.
    public struct ExtensionNumberResponse: ProtoMessage, Hashable {
        public static let protoMessageName = "grpc.reflection.v1.ExtensionNumberResponse"
        /// `string base_type_name = 1;`
        public var baseTypeName: String = ""
        /// `repeated int32 extension_number = 2;`
        public var extensionNumber: [Int32] = []
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a response listing the extension numbers of `baseTypeName`.
        public init(baseTypeName: String, extensionNumber: [Int32]) {
            self.baseTypeName = baseTypeName
            self.extensionNumber = extensionNumber
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, baseTypeName)
            sink.int32(2, extensionNumber)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &baseTypeName)
            case 2: try reader.int32(tag, into: &extensionNumber)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `grpc.reflection.v1.ListServiceResponse`: the services a server offers.
    public struct ListServiceResponse: ProtoMessage, Hashable {
        public static let protoMessageName = "grpc.reflection.v1.ListServiceResponse"
        /// `repeated ServiceResponse service = 1;`
        public var service: [ServiceResponse] = []
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates a list of services.
        public init(service: [ServiceResponse]) {
            self.service = service
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.message(1, service)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.message(tag, into: &service)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `grpc.reflection.v1.ServiceResponse`: one service a server offers.
    public struct ServiceResponse: ProtoMessage, Hashable {
        public static let protoMessageName = "grpc.reflection.v1.ServiceResponse"
        /// `string name = 1;`
        public var name: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates an entry for the service with full name `name`.
        public init(name: String) {
            self.name = name
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, name)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &name)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `grpc.reflection.v1.ErrorResponse`: why a question could not be answered.
    public struct ErrorResponse: ProtoMessage, Hashable {
        public static let protoMessageName = "grpc.reflection.v1.ErrorResponse"
        /// `int32 error_code = 1;`
        public var errorCode: Int32 = 0
        /// `string error_message = 2;`
        public var errorMessage: String = ""
        public var unknownFields = UnknownFields()

        public init() {}

        /// Creates an error with a gRPC status code and a message.
        public init(errorCode: Int32, errorMessage: String) {
            self.errorCode = errorCode
            self.errorMessage = errorMessage
        }

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.int32(1, errorCode)
            sink.string(2, errorMessage)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.int32(tag, into: &errorCode)
            case 2: try reader.string(tag, into: &errorMessage)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}
