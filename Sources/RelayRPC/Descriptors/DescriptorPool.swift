public import ProtoWire

/// The `.proto` files of a binary descriptor set, indexed for server reflection and `relay describe`:
/// each file's original bytes, its services and methods, and which file defines each symbol.
public struct DescriptorPool: Sendable {
    /// One file of the set.
    public struct File: Sendable {
        /// The file's path, such as `relay/v1/send_service.proto`.
        public let name: String
        /// The `FileDescriptorProto` exactly as protoc encoded it.
        public let bytes: [UInt8]
        /// The decoded summary of the file.
        public let descriptor: Google.Protobuf.FileDescriptorProto
    }

    /// One RPC method.
    public struct Method: Sendable, Equatable {
        /// The method name, such as `SendEmail`.
        public let name: String
        /// The full request type name without the leading dot.
        public let inputType: String
        /// The full response type name without the leading dot.
        public let outputType: String
        /// Whether the client sends a stream of requests.
        public let clientStreaming: Bool
        /// Whether the server answers with a stream of responses.
        public let serverStreaming: Bool
    }

    /// One service and its methods.
    public struct Service: Sendable, Equatable {
        /// The full service name, such as `relay.v1.SendService`.
        public let fullName: String
        /// The file that defines it.
        public let fileName: String
        /// Its methods, in declaration order.
        public let methods: [Method]
    }

    /// The files, in the order of the set (dependencies first, as protoc writes them).
    public let files: [File]
    /// Every service of every file.
    public let services: [Service]
    private let fileIndexByName: [String: Int]
    private let fileIndexBySymbol: [String: Int]

    /// Reads a `FileDescriptorSet` (as written by `protoc --include_imports --descriptor_set_out`).
    public init(descriptorSet bytes: [UInt8]) throws(ProtoDecodingError) {
        var reader = try ProtoReader(bytes: bytes, options: DecodingOptions(maxMessageSize: Int.max))
        var files: [File] = []
        while let tag = try reader.nextTag() {
            guard tag.number == 1 else {
                var ignored = UnknownFields()
                try reader.skip(tag, into: &ignored)
                continue
            }
            try reader.expect(tag, .lengthDelimited)
            let fileBytes = [UInt8](reader.slice(try reader.readLengthDelimited(field: 1)))
            let descriptor = try Google.Protobuf.FileDescriptorProto(
                serializedBytes: fileBytes, options: DecodingOptions(maxMessageSize: Int.max))
            files.append(File(name: descriptor.name ?? "", bytes: fileBytes, descriptor: descriptor))
        }
        self.files = files

        var byName: [String: Int] = [:]
        var bySymbol: [String: Int] = [:]
        var services: [Service] = []
        for (index, file) in files.enumerated() {
            byName[file.name] = index
            let prefix = file.descriptor.package.map { $0.isEmpty ? "" : $0 + "." } ?? ""
            for symbol in Self.symbols(of: file.descriptor, prefix: prefix) { bySymbol[symbol] = index }
            for service in file.descriptor.service {
                let fullName = prefix + (service.name ?? "")
                let methods = service.method.map { m in
                    Method(
                        name: m.name ?? "", inputType: Self.trimDot(m.inputType ?? ""),
                        outputType: Self.trimDot(m.outputType ?? ""),
                        clientStreaming: m.clientStreaming ?? false, serverStreaming: m.serverStreaming ?? false)
                }
                services.append(Service(fullName: fullName, fileName: file.name, methods: methods))
            }
        }
        self.services = services
        self.fileIndexByName = byName
        self.fileIndexBySymbol = bySymbol
    }

    /// The file at `path`, if the set has it.
    public func file(named path: String) -> File? { fileIndexByName[path].map { files[$0] } }

    /// The file defining `symbol`: a package-qualified message, enum, service or method name
    /// (`relay.v1.SendService`, `relay.v1.SendService.SendEmail`, `relay.v1.EmailAddress`).
    public func file(containingSymbol symbol: String) -> File? {
        let trimmed = Self.trimDot(symbol)
        return fileIndexBySymbol[trimmed].map { files[$0] }
    }

    /// The files `file` depends on, transitively, followed by `file` itself.
    public func fileWithDependencies(_ file: File) -> [File] {
        var seen = Set<String>()
        var ordered: [File] = []
        func visit(_ f: File) {
            guard seen.insert(f.name).inserted else { return }
            for dependency in f.descriptor.dependency {
                if let d = self.file(named: dependency) { visit(d) }
            }
            ordered.append(f)
        }
        visit(file)
        return ordered
    }

    private static func trimDot(_ name: String) -> String {
        name.hasPrefix(".") ? String(name.dropFirst()) : name
    }

    private static func symbols(of file: Google.Protobuf.FileDescriptorProto, prefix: String) -> [String] {
        var result: [String] = []
        func addMessage(_ message: Google.Protobuf.DescriptorProto, prefix: String) {
            let name = prefix + (message.name ?? "")
            result.append(name)
            for e in message.enumType { result.append(name + "." + (e.name ?? "")) }
            for nested in message.nestedType { addMessage(nested, prefix: name + ".") }
        }
        for message in file.messageType { addMessage(message, prefix: prefix) }
        for e in file.enumType { result.append(prefix + (e.name ?? "")) }
        for service in file.service {
            let name = prefix + (service.name ?? "")
            result.append(name)
            for method in service.method { result.append(name + "." + (method.name ?? "")) }
        }
        return result
    }
}
