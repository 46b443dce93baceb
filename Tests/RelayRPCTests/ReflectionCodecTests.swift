import ProtoWire
import RelayRPC
import Testing

/// grpc.reflection.v1 and v1alpha byte for byte, and the conversions between them.
@Suite struct ReflectionCodecTests {
    typealias Request = Grpc.Reflection.V1.ServerReflectionRequest
    typealias Response = Grpc.Reflection.V1.ServerReflectionResponse

    @Test func listServicesWithAnEmptyStringIsStillWritten() throws {
        // A oneof member is written whenever it is set: field 7, length-delimited (0x3a), length 0.
        let request = Request(.listServices(""))
        #expect(request.serializedBytes() == [0x3a, 0x00])
        #expect(request.serializedSize == 2)
        let decoded = try Request(serializedBytes: [0x3a, 0x00])
        #expect(decoded.messageRequest == .listServices(""))
        #expect(decoded.host == "")
        // v1alpha is the same on the wire.
        #expect(Grpc.Reflection.V1Alpha.ServerReflectionRequest(.listServices("")).serializedBytes() == [0x3a, 0x00])
        // Nothing set writes nothing.
        #expect(Request().serializedBytes() == [])
        #expect(try Request(serializedBytes: []).messageRequest == nil)
    }

    @Test func eachRequestMemberHasItsFieldNumber() throws {
        let cases: [(Request.MessageRequest, [UInt8])] = [
            (.fileByFilename(""), [0x1a, 0x00]),
            (.fileByFilename("a.proto"), stringField(3, "a.proto")),
            (.fileContainingSymbol(""), [0x22, 0x00]),
            (.fileContainingSymbol("relay.v1.SendService"), stringField(4, "relay.v1.SendService")),
            (.fileContainingExtension(.init()), [0x2a, 0x00]),
            (.fileContainingExtension(.init(containingType: "M", extensionNumber: 1000)), hex("2a 06 0a 01 4d 10 e8 07")),
            (.allExtensionNumbersOfType(""), [0x32, 0x00]),
            (.allExtensionNumbersOfType("M"), hex("32 01 4d")),
            (.listServices("*"), hex("3a 01 2a")),
        ]
        for (member, bytes) in cases {
            let request = Request(host: "h", member)
            let expected = stringField(1, "h") + bytes
            #expect(request.serializedBytes() == expected)
            #expect(try Request(serializedBytes: expected) == request)
        }
    }

    @Test func theLastOneofMemberOnTheWireWins() throws {
        let bytes = stringField(3, "a.proto") + [0x3a, 0x00]
        #expect(try Request(serializedBytes: bytes).messageRequest == .listServices(""))
        let reversed = [0x3a, 0x00] + stringField(3, "a.proto")
        #expect(try Request(serializedBytes: reversed).messageRequest == .fileByFilename("a.proto"))
    }

    @Test func aRepeatedMessageMemberMerges() throws {
        let first = lengthDelimited(5, stringField(1, "M"))
        let second = lengthDelimited(5, [0x10, 0x07])
        let merged = try Request(serializedBytes: first + second)
        #expect(merged.messageRequest == .fileContainingExtension(.init(containingType: "M", extensionNumber: 7)))
        // Another member in between starts the message afresh.
        let interrupted = try Request(serializedBytes: first + stringField(3, "x") + second)
        #expect(interrupted.messageRequest == .fileContainingExtension(.init(containingType: "", extensionNumber: 7)))
    }

    /// Agrees byte for byte with protobuf-python's encoding of the same message.
    @Test func fileDescriptorResponse() throws {
        let response = Response(
            validHost: "relay.example",
            originalRequest: Request(host: "relay.example", .fileContainingSymbol("relay.v1.SendService")),
            .fileDescriptorResponse(.init(fileDescriptorProto: [[0x0a, 0x03, 0x61, 0x2e, 0x70], []])))
        let original = stringField(1, "relay.example") + stringField(4, "relay.v1.SendService")
        let files = lengthDelimited(1, [0x0a, 0x03, 0x61, 0x2e, 0x70]) + [0x0a, 0x00]  // an empty file is kept
        let expected = stringField(1, "relay.example") + lengthDelimited(2, original) + lengthDelimited(4, files)
        #expect(expected.count == 65)
        #expect(response.serializedBytes() == expected)
        #expect(try Response(serializedBytes: expected) == response)
    }

    @Test func eachResponseMemberHasItsFieldNumber() throws {
        let cases: [(Response.MessageResponse, [UInt8])] = [
            (.fileDescriptorResponse(.init()), [0x22, 0x00]),
            (.allExtensionNumbersResponse(.init()), [0x2a, 0x00]),
            (.allExtensionNumbersResponse(.init(baseTypeName: "M", extensionNumber: [1, 300])), hex("2a 08 0a 01 4d 12 03 01 ac 02")),
            (.listServicesResponse(.init()), [0x32, 0x00]),
            (.listServicesResponse(.init(service: [.init(name: "a"), .init(name: "b")])), hex("32 0a 0a 03 0a 01 61 0a 03 0a 01 62")),
            (.errorResponse(.init()), [0x3a, 0x00]),
            (.errorResponse(.init(errorCode: 5, errorMessage: "x")), hex("3a 05 08 05 12 01 78")),
        ]
        for (member, bytes) in cases {
            let response = Response(originalRequest: nil, member)
            #expect(response.serializedBytes() == bytes)
            #expect(try Response(serializedBytes: bytes) == response)
        }
    }

    @Test func extensionNumbersArePackedAndReadEitherWay() throws {
        let packed = Grpc.Reflection.V1.ExtensionNumberResponse(baseTypeName: "", extensionNumber: [1, 2, -1])
        let packedBytes = hex("12 0c 01 02 ff ff ff ff ff ff ff ff ff 01")
        #expect(packed.serializedBytes() == packedBytes)
        #expect(try Grpc.Reflection.V1.ExtensionNumberResponse(serializedBytes: packedBytes) == packed)
        let unpacked = try Grpc.Reflection.V1.ExtensionNumberResponse(serializedBytes: hex("10 01 10 02 12 01 03"))
        #expect(unpacked.extensionNumber == [1, 2, 3])
    }

    @Test func requestsConvertBetweenVersionsLosslessly() throws {
        let members: [Request.MessageRequest?] = [
            nil, .fileByFilename("a.proto"), .fileContainingSymbol("s"),
            .fileContainingExtension(.init(containingType: "M", extensionNumber: 9)),
            .allExtensionNumbersOfType("M"), .listServices(""),
        ]
        for member in members {
            var v1 = Request()
            v1.host = "h"
            v1.messageRequest = member
            v1.unknownFields = try Request(serializedBytes: [0xc0, 0x3e, 0x01]).unknownFields
            let alpha = Grpc.Reflection.V1Alpha.ServerReflectionRequest(v1)
            #expect(alpha.serializedBytes() == v1.serializedBytes())
            #expect(try Grpc.Reflection.V1Alpha.ServerReflectionRequest(serializedBytes: v1.serializedBytes()) == alpha)
            #expect(Request(alpha) == v1)
        }
    }

    @Test func responsesConvertBetweenVersionsLosslessly() throws {
        let members: [Response.MessageResponse?] = [
            nil, .fileDescriptorResponse(.init(fileDescriptorProto: [[1], []])),
            .allExtensionNumbersResponse(.init(baseTypeName: "M", extensionNumber: [4, 5])),
            .listServicesResponse(.init(service: [.init(name: "a")])),
            .errorResponse(.init(errorCode: 12, errorMessage: "unimplemented")),
        ]
        for member in members {
            var v1 = Response()
            v1.validHost = "h"
            v1.originalRequest = Request(.listServices(""))
            v1.messageResponse = member
            let alpha = Grpc.Reflection.V1Alpha.ServerReflectionResponse(v1)
            #expect(alpha.serializedBytes() == v1.serializedBytes())
            #expect(try Grpc.Reflection.V1Alpha.ServerReflectionResponse(serializedBytes: v1.serializedBytes()) == alpha)
            #expect(Response(alpha) == v1)
        }
    }

    @Test func versionsKeepTheirOwnNames() {
        #expect(Request.protoMessageName == "grpc.reflection.v1.ServerReflectionRequest")
        #expect(Grpc.Reflection.V1Alpha.ServerReflectionRequest.protoMessageName == "grpc.reflection.v1alpha.ServerReflectionRequest")
        #expect(Grpc.Reflection.V1Alpha.ErrorResponse.protoMessageName == "grpc.reflection.v1alpha.ErrorResponse")
    }

    @Test func invalidUTF8InAStringMemberIsRejected() {
        #expect(throws: ProtoDecodingError.invalidUTF8(field: 7)) {
            try Request(serializedBytes: [0x3a, 0x01, 0xff])
        }
    }
}
