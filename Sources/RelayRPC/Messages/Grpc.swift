/// The `grpc` protobuf package namespace: gRPC's own standard services.
public enum Grpc {
    /// The `grpc.health` packages: the health checking protocol.
    public enum Health {
        /// The `grpc.health.v1` package (`Protos/grpc/health/v1/health.proto`).
        public enum V1 {}
    }

    /// The `grpc.reflection` packages: server reflection.
    public enum Reflection {
        /// The `grpc.reflection.v1` package (`Protos/grpc/reflection/v1/reflection.proto`).
        public enum V1 {}
        /// The `grpc.reflection.v1alpha` package (`Protos/grpc/reflection/v1alpha/reflection.proto`),
        /// superseded by ``V1`` and identical to it on the wire apart from the message names.
        public enum V1Alpha {}
    }
}
