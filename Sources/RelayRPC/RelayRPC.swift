// RelayRPC: the gRPC runtime (standard messages for now).
