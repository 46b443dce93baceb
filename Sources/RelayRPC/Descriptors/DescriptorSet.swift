public import ProtoWire

// The parts of google/protobuf/descriptor.proto that server reflection and `relay describe` read:
// file names, packages, dependencies, message, enum and service names, and method signatures.
// Every other field (options, source info, field lists) is kept as unknown fields; re-encoding
// therefore moves them after the known fields, which is why DescriptorPool keeps and serves each
// file's original bytes.

extension Google.Protobuf {
    /// `google.protobuf.FileDescriptorSet`: the output of `protoc --descriptor_set_out`.
    public struct FileDescriptorSet: ProtoMessage {
        public static let protoMessageName = "google.protobuf.FileDescriptorSet"
        /// `repeated FileDescriptorProto file = 1;`
        public var file: [FileDescriptorProto] = []
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.message(1, file)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.message(tag, into: &file)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `google.protobuf.FileDescriptorProto`, partially: one `.proto` file.
    public struct FileDescriptorProto: ProtoMessage {
        public static let protoMessageName = "google.protobuf.FileDescriptorProto"
        /// `optional string name = 1;` — the path, such as `relay/v1/send_service.proto`.
        public var name: String?
        /// `optional string package = 2;`
        public var package: String?
        /// `repeated string dependency = 3;` — the files it imports.
        public var dependency: [String] = []
        /// `repeated DescriptorProto message_type = 4;`
        public var messageType: [DescriptorProto] = []
        /// `repeated EnumDescriptorProto enum_type = 5;`
        public var enumType: [NamedDescriptor] = []
        /// `repeated ServiceDescriptorProto service = 6;`
        public var service: [ServiceDescriptorProto] = []
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, name)
            sink.string(2, package)
            sink.string(3, dependency)
            sink.message(4, messageType)
            sink.message(5, enumType)
            sink.message(6, service)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &name)
            case 2: try reader.string(tag, into: &package)
            case 3: try reader.string(tag, into: &dependency)
            case 4: try reader.message(tag, into: &messageType)
            case 5: try reader.message(tag, into: &enumType)
            case 6: try reader.message(tag, into: &service)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `google.protobuf.DescriptorProto`, partially: a message type and the types nested in it.
    public struct DescriptorProto: ProtoMessage {
        public static let protoMessageName = "google.protobuf.DescriptorProto"
        /// `optional string name = 1;`
        public var name: String?
        /// `repeated DescriptorProto nested_type = 3;`
        public var nestedType: [DescriptorProto] = []
        /// `repeated EnumDescriptorProto enum_type = 4;`
        public var enumType: [NamedDescriptor] = []
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, name)
            sink.message(3, nestedType)
            sink.message(4, enumType)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &name)
            case 3: try reader.message(tag, into: &nestedType)
            case 4: try reader.message(tag, into: &enumType)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// Any descriptor read only for its `optional string name = 1;` (enums here).
    public struct NamedDescriptor: ProtoMessage {
        public static let protoMessageName = "google.protobuf.EnumDescriptorProto"
        /// `optional string name = 1;`
        public var name: String?
        public var unknownFields = UnknownFields()

        public init() {}

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

    /// `google.protobuf.ServiceDescriptorProto`, partially: a service and its methods.
    public struct ServiceDescriptorProto: ProtoMessage {
        public static let protoMessageName = "google.protobuf.ServiceDescriptorProto"
        /// `optional string name = 1;`
        public var name: String?
        /// `repeated MethodDescriptorProto method = 2;`
        public var method: [MethodDescriptorProto] = []
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, name)
            sink.message(2, method)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &name)
            case 2: try reader.message(tag, into: &method)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }

    /// `google.protobuf.MethodDescriptorProto`, partially: one RPC's signature.
    public struct MethodDescriptorProto: ProtoMessage {
        public static let protoMessageName = "google.protobuf.MethodDescriptorProto"
        /// `optional string name = 1;`
        public var name: String?
        /// `optional string input_type = 2;` — a fully-qualified name with a leading dot.
        public var inputType: String?
        /// `optional string output_type = 3;`
        public var outputType: String?
        /// `optional bool client_streaming = 5;`
        public var clientStreaming: Bool?
        /// `optional bool server_streaming = 6;`
        public var serverStreaming: Bool?
        public var unknownFields = UnknownFields()

        public init() {}

        @inlinable
        public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
            sink.string(1, name)
            sink.string(2, inputType)
            sink.string(3, outputType)
            sink.bool(5, clientStreaming)
            sink.bool(6, serverStreaming)
            sink.unknownFields(unknownFields)
        }

        @inlinable
        public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
            switch tag.number {
            case 1: try reader.string(tag, into: &name)
            case 2: try reader.string(tag, into: &inputType)
            case 3: try reader.string(tag, into: &outputType)
            case 5: try reader.bool(tag, into: &clientStreaming)
            case 6: try reader.bool(tag, into: &serverStreaming)
            default: try reader.skip(tag, into: &unknownFields)
            }
        }
    }
}
