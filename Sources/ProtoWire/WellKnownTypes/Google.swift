/// The `google` protobuf package namespace: `Google.Protobuf` here, `Google.Rpc` in RelayRPC.
public enum Google {
    /// The `google.protobuf` package: the well-known types.
    public enum Protobuf {}
}
