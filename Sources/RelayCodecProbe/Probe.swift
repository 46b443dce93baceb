import RelayTestSupport
import ProtoWire
import RelayAPI
import RelayRPC

/// Answers the requests of the codec probe line protocol (described in Tests/interop/README.md):
/// `list`, `roundtrip NAME B64`, `dump NAME B64`; every failure is one `ERR` line.
struct Probe {
    /// The message types handled, by full protobuf name.
    let types: [String: any ProtoMessage.Type]

    /// Every message type the probe knows: the relay.v1 messages (`RelayMessages.all`), gRPC's
    /// standard messages and the well-known types (`StandardMessages.all`), and the test-only
    /// `relay.test` messages.
    static func allTypes() -> [String: any ProtoMessage.Type] {
        var types: [String: any ProtoMessage.Type] = [:]
        for type in RelayMessages.all + StandardMessages.all + TestMessages.all + TestServiceMessages.all {
            types[type.protoMessageName] = type
        }
        return types
    }

    /// The one-line answer to one request line.
    func respond(to line: String) -> String {
        let parts = line.split(separator: " ")
        guard let command = parts.first else { return "ERR empty request" }
        switch command {
        case "list":
            guard parts.count == 1 else { return "ERR list takes no arguments" }
            return "OK " + types.keys.sorted().joined(separator: " ")
        case "roundtrip", "dump":
            guard parts.count == 3 else { return "ERR \(command) takes a message name and base64 bytes" }
            guard let type = types[String(parts[1])] else { return "ERR unknown message type \(parts[1])" }
            let bytes: [UInt8]
            if parts[2] == "-" {
                bytes = []
            } else if let decoded = Base64.decode(parts[2]) {
                bytes = decoded
            } else {
                return "ERR invalid base64"
            }
            return command == "roundtrip" ? Self.roundtrip(type, bytes) : Self.dump(type, bytes)
        default:
            return "ERR unknown command \(oneLine(String(command)))"
        }
    }

    /// Decodes and re-encodes; also checks that the encoder's size pass agrees with its output
    /// and that decoding the output and encoding again gives the same bytes.
    static func roundtrip<M: ProtoMessage>(_: M.Type, _ bytes: [UInt8]) -> String {
        let message: M
        do {
            message = try M(serializedBytes: bytes)
        } catch {
            return "ERR decode \(M.protoMessageName): \(oneLine(String(describing: error)))"
        }
        let encoded = message.serializedBytes()
        guard encoded.count == message.serializedSize else {
            return "ERR \(M.protoMessageName): serializedSize \(message.serializedSize) != \(encoded.count) bytes written"
        }
        do {
            let again = try M(serializedBytes: encoded).serializedBytes()
            guard again == encoded else { return "ERR \(M.protoMessageName): re-decoding the encoding changes it" }
        } catch {
            return "ERR \(M.protoMessageName): own encoding does not decode: \(oneLine(String(describing: error)))"
        }
        return "OK " + (encoded.isEmpty ? "-" : Base64.encode(encoded))
    }

    /// Decodes and returns the normalized JSON dump.
    static func dump<M: ProtoMessage>(_: M.Type, _ bytes: [UInt8]) -> String {
        do {
            let message = try M(serializedBytes: bytes)
            return "OK " + (try JSONDump.dump(message))
        } catch let error as ProtoDecodingError {
            return "ERR decode \(M.protoMessageName): \(oneLine(String(describing: error)))"
        } catch {
            return "ERR dump \(M.protoMessageName): \(oneLine(String(describing: error)))"
        }
    }
}

/// `text` with line breaks replaced, so that an answer stays on one line.
func oneLine(_ text: String) -> String {
    String(text.map { $0.isNewline ? " " : $0 })
}
