internal import Foundation
public import RelayRPC

/// The binary descriptor set of every file in `Protos/` (built by `scripts/gen-descriptors.sh`),
/// shipped as a resource for server reflection and `relay describe`.
public enum RelayDescriptors {
    /// Why the embedded descriptor set could not be loaded.
    public enum LoadError: Error, CustomStringConvertible {
        /// The resource is missing from the bundle.
        case missingResource
        /// The resource is not a valid descriptor set.
        case malformed(ProtoDecodingError)

        public var description: String {
            switch self {
            case .missingResource: "the descriptor set resource relay.binpb is missing"
            case .malformed(let error): "the descriptor set is malformed: \(error)"
            }
        }
    }

    /// The raw `FileDescriptorSet` bytes.
    public static func bytes() throws(LoadError) -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "relay", withExtension: "binpb"),
            let data = try? Data(contentsOf: url)
        else { throw .missingResource }
        return [UInt8](data)
    }

    /// The descriptor set, indexed.
    public static func pool() throws(LoadError) -> DescriptorPool {
        let raw = try bytes()
        do {
            return try DescriptorPool(descriptorSet: raw)
        } catch {
            throw .malformed(error)
        }
    }
}
