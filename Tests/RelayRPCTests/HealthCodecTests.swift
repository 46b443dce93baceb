import ProtoWire
import RelayRPC
import Testing

/// grpc.health.v1 byte for byte.
@Suite struct HealthCodecTests {
    typealias Response = Grpc.Health.V1.HealthCheckResponse

    @Test func servingIsTwoBytes() throws {
        // Field 1, varint (0x08); SERVING = 1.
        let serving = Response(status: .serving)
        #expect(serving.serializedBytes() == [0x08, 0x01])
        #expect(try Response(serializedBytes: [0x08, 0x01]).status == .serving)
    }

    @Test func unknownIsTheDefaultAndIsNotWritten() throws {
        #expect(Response().status == .unknown)
        #expect(Response(status: .unknown).serializedBytes() == [])
        // An explicit zero on the wire still reads as UNKNOWN.
        #expect(try Response(serializedBytes: [0x08, 0x00]) == Response())
    }

    @Test func servingStatusNumbersMatchTheOfficialEnum() {
        let expected: [(Response.ServingStatus, Int32)] = [
            (.unknown, 0), (.serving, 1), (.notServing, 2), (.serviceUnknown, 3),
        ]
        for (status, number) in expected {
            #expect(status.rawValue == number)
            #expect(Response.ServingStatus(rawValue: number) == status)
            #expect(Response(status: status).serializedBytes() == (number == 0 ? [] : [0x08, UInt8(number)]))
        }
    }

    @Test func unrecognizedStatusesSurvive() throws {
        let seven = try Response(serializedBytes: [0x08, 0x07])
        #expect(seven.status == .unrecognized(7))
        #expect(seven.serializedBytes() == [0x08, 0x07])
        // A negative number is a sign-extended ten-byte varint.
        let minusOne = hex("08 ff ff ff ff ff ff ff ff ff 01")
        let negative = try Response(serializedBytes: minusOne)
        #expect(negative.status == .unrecognized(-1))
        #expect(negative.serializedBytes() == minusOne)
    }

    @Test func checkRequestNamesTheService() throws {
        let request = Grpc.Health.V1.HealthCheckRequest(service: "relay.v1.SendService")
        let bytes = [0x0a, 0x14] + Array("relay.v1.SendService".utf8)
        #expect(request.serializedBytes() == bytes)
        #expect(try Grpc.Health.V1.HealthCheckRequest(serializedBytes: bytes) == request)
        // The whole server's health: the empty name is not written.
        #expect(Grpc.Health.V1.HealthCheckRequest(service: "").serializedBytes() == [])
    }

    @Test func listResponseIsAMapSortedByServiceName() throws {
        let response = Grpc.Health.V1.HealthListResponse(statuses: [
            "relay.v1.SendService": Response(status: .unknown),
            "": Response(status: .serving),
        ])
        // Each entry: key (field 1) and value (field 2) are both written, even at their defaults.
        let whole = lengthDelimited(1, stringField(1, "") + lengthDelimited(2, [0x08, 0x01]))
        let send = lengthDelimited(1, stringField(1, "relay.v1.SendService") + lengthDelimited(2, []))
        #expect(whole == hex("0a 06 0a 00 12 02 08 01"))
        #expect(response.serializedBytes() == whole + send)
        #expect(response.serializedSize == whole.count + send.count)
        #expect(try Grpc.Health.V1.HealthListResponse(serializedBytes: send + whole) == response)
    }

    @Test func mapEntriesWithMissingPartsTakeDefaults() throws {
        // An entry with only a key, and one with only a value (for the key "").
        let bytes = lengthDelimited(1, stringField(1, "a")) + lengthDelimited(1, lengthDelimited(2, [0x08, 0x02]))
        let response = try Grpc.Health.V1.HealthListResponse(serializedBytes: bytes)
        #expect(response.statuses == ["a": Response(), "": Response(status: .notServing)])
    }

    @Test func laterMapEntryForTheSameKeyWins() throws {
        let first = lengthDelimited(1, stringField(1, "s") + lengthDelimited(2, [0x08, 0x01]))
        let second = lengthDelimited(1, stringField(1, "s") + lengthDelimited(2, [0x08, 0x02]))
        let response = try Grpc.Health.V1.HealthListResponse(serializedBytes: first + second)
        #expect(response.statuses == ["s": Response(status: .notServing)])
    }

    @Test func listRequestHasNoFields() throws {
        #expect(Grpc.Health.V1.HealthListRequest().serializedBytes() == [])
        let withUnknown = try Grpc.Health.V1.HealthListRequest(serializedBytes: [0x08, 0x01])
        #expect(withUnknown.unknownFields.bytes == [0x08, 0x01])
        #expect(withUnknown.serializedBytes() == [0x08, 0x01])
    }

    @Test func statusWithTheWrongWireTypeIsRejected() {
        #expect(throws: ProtoDecodingError.wrongWireType(field: 1, found: .lengthDelimited)) {
            try Response(serializedBytes: [0x0a, 0x00])
        }
    }
}
