// libFuzzer entry point: the first input byte picks a message type, the rest is decoded as it.
// Decoding may fail (with a ProtoDecodingError) but must never trap; a decoded message must
// re-encode to exactly `serializedSize` bytes that decode to an equal value and re-encode
// identically. A violated property calls fatalError, which libFuzzer reports as a crash.
import Glibc
import ProtoWire
import RelayAPI

/// The types an input can be decoded as; the fixed prefix keeps `fuzz/run.sh`'s seeds stable.
let fuzzTypes: [any ProtoMessage.Type] = [
    Test1.self, Test3.self, Test4.self, Scalars.self, Optionals.self, Repeateds.self, Maps.self,  // 0-6
    Oneofs.self, Node.self,  // 7-8
    Google.Protobuf.Struct.self, Google.Protobuf.Value.self, Google.Protobuf.ListValue.self,  // 9-11
    Google.Protobuf.`Any`.self, Google.Protobuf.Timestamp.self, Google.Protobuf.Duration.self,  // 12-14
    Google.Protobuf.FieldMask.self, Google.Protobuf.Empty.self,  // 15-16
] + RelayMessages.all  // 17 and up, relay.v1.EmailAddress first

/// The nesting limit for the round-trip check, from `PROTOWIRE_FUZZ_ROUNDTRIP_DEPTH`; nil (the
/// default) means the decoder's own limit. Lower it to fuzz past a known slow re-encoding of deep inputs.
let roundTripDepth: Int? = getenv("PROTOWIRE_FUZZ_ROUNDTRIP_DEPTH").flatMap { Int(String(cString: $0)) }

/// The options of the round-trip check.
let roundTripOptions = DecodingOptions(maxDepth: roundTripDepth ?? DecodingOptions().maxDepth)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let input = Array(UnsafeBufferPointer(start: data, count: size))
    let type = fuzzTypes[Int(input[0]) % fuzzTypes.count]
    check(type, Array(input.dropFirst()))
    return 0
}

/// Decodes `bytes` as `M` and, if that succeeds, checks the round-trip properties.
func check<M: ProtoMessage>(_: M.Type, _ bytes: [UInt8]) {
    // At the default limits, the decoder itself must never trap.
    if roundTripDepth != nil, (try? M(serializedBytes: bytes)) == nil { return }
    guard let first = try? M(serializedBytes: bytes, options: roundTripOptions) else { return }
    if let any = first as? Google.Protobuf.`Any` {
        for type in fuzzTypes { unpack(any, as: type) }
    }
    let encoded = first.serializedBytes()
    guard first.serializedSize == encoded.count else {
        fail(M.self, bytes, "serializedSize \(first.serializedSize) but \(encoded.count) bytes were written")
    }
    let second: M
    do throws(ProtoDecodingError) {
        second = try M(serializedBytes: encoded, options: roundTripOptions)
    } catch {
        fail(M.self, bytes, "its re-encoding \(hex(encoded)) does not decode: \(error)")
    }
    // NaN is not equal to itself: a value that differs from a second decode of the same input
    // holds one, and only its bytes can be compared.
    if second != first, (try? M(serializedBytes: bytes, options: roundTripOptions)) == first {
        fail(M.self, bytes, "decoding its re-encoding \(hex(encoded)) gives a different value")
    }
    let again = second.serializedBytes()
    guard again == encoded else {
        fail(M.self, bytes, "re-encodes as \(hex(again)), then as \(hex(encoded))")
    }
}

/// Unpacking an `Any` as any type must not trap either.
func unpack<M: ProtoMessage>(_ any: Google.Protobuf.`Any`, as _: M.Type) {
    _ = try? any.unpack(M.self)
}

func fail<M: ProtoMessage>(_: M.Type, _ bytes: [UInt8], _ problem: String) -> Never {
    fatalError("\(M.protoMessageName) from \(hex(bytes)): \(problem)")
}

func hex(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
}
