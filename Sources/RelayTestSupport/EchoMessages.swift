public import ProtoWire

// Codecs for Tests/interop/protos/relay/test/test_service.proto (test-only).

/// `relay.test.EchoRequest`: what the test service should do with a call.
public struct EchoRequest: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.test.EchoRequest"
    /// `string text = 1;`
    public var text: String = ""
    /// `bytes payload = 2;`
    public var payload: [UInt8] = []
    /// `int32 status_code = 3;`
    public var statusCode: Int32 = 0
    /// `string status_message = 4;`
    public var statusMessage: String = ""
    /// `int32 repeat = 5;`
    public var `repeat`: Int32 = 0
    /// `int32 delay_ms = 6;`
    public var delayMs: Int32 = 0
    /// `bool echo_metadata = 7;`
    public var echoMetadata: Bool = false
    /// `int32 payload_size = 8;`
    public var payloadSize: Int32 = 0
    /// `bool details = 9;`
    public var details: Bool = false
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, text)
        sink.bytes(2, payload)
        sink.int32(3, statusCode)
        sink.string(4, statusMessage)
        sink.int32(5, `repeat`)
        sink.int32(6, delayMs)
        sink.bool(7, echoMetadata)
        sink.int32(8, payloadSize)
        sink.bool(9, details)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &text)
        case 2: try reader.bytes(tag, into: &payload)
        case 3: try reader.int32(tag, into: &statusCode)
        case 4: try reader.string(tag, into: &statusMessage)
        case 5: try reader.int32(tag, into: &`repeat`)
        case 6: try reader.int32(tag, into: &delayMs)
        case 7: try reader.bool(tag, into: &echoMetadata)
        case 8: try reader.int32(tag, into: &payloadSize)
        case 9: try reader.bool(tag, into: &details)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// `relay.test.EchoResponse`: the test service's answer.
public struct EchoResponse: ProtoMessage, Hashable {
    public static let protoMessageName = "relay.test.EchoResponse"
    /// `string text = 1;`
    public var text: String = ""
    /// `bytes payload = 2;`
    public var payload: [UInt8] = []
    /// `int32 index = 3;`
    public var index: Int32 = 0
    /// `map<string, string> metadata = 4;`
    public var metadata: [String: String] = [:]
    public var unknownFields = UnknownFields()

    public init() {}

    @inlinable
    public func encode<S: ProtoSink & ~Copyable & ~Escapable>(to sink: inout S) {
        sink.string(1, text)
        sink.bytes(2, payload)
        sink.int32(3, index)
        sink.map(4, metadata)
        sink.unknownFields(unknownFields)
    }

    @inlinable
    public mutating func decodeField(_ tag: FieldTag, from reader: inout ProtoReader) throws(ProtoDecodingError) {
        switch tag.number {
        case 1: try reader.string(tag, into: &text)
        case 2: try reader.bytes(tag, into: &payload)
        case 3: try reader.int32(tag, into: &index)
        case 4: try reader.map(tag, into: &metadata)
        default: try reader.skip(tag, into: &unknownFields)
        }
    }
}

/// The message types of the test-only protos served by the test server.
public enum TestServiceMessages {
    /// `relay.test.EchoRequest` and `relay.test.EchoResponse`.
    public static let all: [any ProtoMessage.Type] = [EchoRequest.self, EchoResponse.self]
}
