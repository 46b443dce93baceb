public import RelayRPC

/// The contract's RPCs whose service is not built yet. They are routed (so a call is
/// authenticated and checked for its scope like any other) and answer `UNIMPLEMENTED` saying so;
/// reflection does not list their services.
public enum UnbuiltMethods {
    /// Every method of `pool`'s `relay.v1` services that `router` does not serve.
    public static func methods(in pool: DescriptorPool, missingFrom served: Set<String>) -> [RPCMethod] {
        var methods: [RPCMethod] = []
        for service in pool.services where service.fullName.hasPrefix("relay.v1.") {
            for method in service.methods {
                let path = "/\(service.fullName)/\(method.name)"
                if served.contains(path) { continue }
                let kind: RPCKind =
                    switch (method.clientStreaming, method.serverStreaming) {
                    case (false, false): .unary
                    case (false, true): .serverStreaming
                    case (true, false): .clientStreaming
                    case (true, true): .bidirectionalStreaming
                    }
                methods.append(RPCMethod(path: path, kind: kind) { _, _, _ in
                    throw RPCError(code: .unimplemented, message: "\(service.fullName)/\(method.name) is not available in this version of Relay yet")
                })
            }
        }
        return methods
    }
}
