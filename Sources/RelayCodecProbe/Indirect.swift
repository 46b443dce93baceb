public import ProtoWire

/// Heap storage for a message field whose type contains itself (a struct cannot hold an
/// `Optional<Self>` inline). The dump looks through it by ``BoxedFieldStorage``.
@propertyWrapper
public struct Indirect<Wrapped: ProtoMessage>: Sendable, Equatable, BoxedFieldStorage {
    /// Zero or one value; an array keeps the value out of line.
    @usableFromInline var storage: [Wrapped]

    /// Wraps `wrappedValue`.
    @inlinable
    public init(wrappedValue: Wrapped?) {
        storage = wrappedValue.map { [$0] } ?? []
    }

    /// The field's value; nil when unset.
    @inlinable
    public var wrappedValue: Wrapped? {
        get { storage.first }
        set { storage = newValue.map { [$0] } ?? [] }
    }

    var boxedValue: Any { wrappedValue as Any }
}
