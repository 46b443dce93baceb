internal import ProtoWire

/// The messages a client sends on one call, in order. Reading one reopens the HTTP/2 flow-control
/// window for it, so a handler that reads slowly makes the client wait.
public struct RequestStream<Message: Sendable>: AsyncSequence, Sendable {
    let call: CallHandle
    let decode: @Sendable ([UInt8]) throws -> Message

    /// The next message, or nil once the client has finished sending.
    public func next() async throws -> Message? {
        guard let bytes = try await call.connection.nextMessage(call.stream) else { return nil }
        return try decode(bytes)
    }

    /// The one message of a unary or server-streaming call.
    func single<M: ProtoMessage>(_: M.Type) async throws -> M where Message == [UInt8] {
        guard let bytes = try await next() else {
            throw RPCError(code: .internal, message: "the client sent no request message")
        }
        return try decodeRequest(M.self, bytes)
    }

    /// This stream, decoding each message as `M`.
    func typed<M: ProtoMessage>(_: M.Type) -> RequestStream<M> where Message == [UInt8] {
        RequestStream<M>(call: call) { try decodeRequest(M.self, $0) }
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let stream: RequestStream
        public mutating func next() async throws -> Message? { try await stream.next() }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(stream: self) }
}

/// Decodes a request message, turning a malformed one into `INVALID_ARGUMENT`.
func decodeRequest<M: ProtoMessage>(_: M.Type, _ bytes: [UInt8]) throws -> M {
    do {
        return try M(serializedBytes: bytes, options: DecodingOptions(maxMessageSize: Int.max))
    } catch {
        throw RPCError(code: .invalidArgument, message: "malformed \(M.protoMessageName): \(error)")
    }
}

/// Sends response messages on one call. A write suspends while the client is not reading fast
/// enough (the stream's buffered output is above its high-water mark), so memory stays bounded.
public struct ResponseWriter<Message: Sendable>: Sendable {
    let call: CallHandle
    let encode: @Sendable (Message) -> [UInt8]

    /// Sends one message.
    public func write(_ message: Message) async throws {
        try await call.connection.write(call.stream, encode(message))
    }

    func typed<M: ProtoMessage>(_: M.Type) -> ResponseWriter<M> where Message == [UInt8] {
        ResponseWriter<M>(call: call) { $0.serializedBytes() }
    }
}
