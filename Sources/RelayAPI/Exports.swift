@_exported public import ProtoWire
@_exported public import RelayRPC

/// `google.protobuf.Timestamp`, as the Relay messages use it.
public typealias Timestamp = Google.Protobuf.Timestamp
/// `google.protobuf.FieldMask`, as the Relay messages use it.
public typealias FieldMask = Google.Protobuf.FieldMask
