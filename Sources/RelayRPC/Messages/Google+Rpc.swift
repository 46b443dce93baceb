public import ProtoWire

extension Google {
    /// The `google.rpc` package: gRPC's rich error model.
    public enum Rpc {}
}
