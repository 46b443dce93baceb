import ProtoWire
import RelayRPC
import Testing

/// One fixture message, named after its type in test output.
struct Fixture: Sendable, CustomTestStringConvertible {
    let message: any ProtoMessage
    var testDescription: String { type(of: message).protoMessageName }

    static let all = Populated.all.map(Fixture.init)
}

/// The registry and the properties every standard message shares: exact sizes, lossless round
/// trips, empty defaults, kept unknown fields and rejected truncations.
@Suite struct StandardMessagesCodecTests {
    /// The full name of every message of the standard protos (as protoc lists them, nested
    /// types included; map entries are not messages of their own).
    static let expectedNames = Set([
        "google.protobuf.Timestamp", "google.protobuf.Duration", "google.protobuf.FieldMask",
        "google.protobuf.Empty", "google.protobuf.Any", "google.protobuf.Struct",
        "google.protobuf.Value", "google.protobuf.ListValue",
        "google.rpc.Status",
        "google.rpc.ErrorInfo", "google.rpc.RetryInfo", "google.rpc.DebugInfo",
        "google.rpc.QuotaFailure", "google.rpc.QuotaFailure.Violation",
        "google.rpc.PreconditionFailure", "google.rpc.PreconditionFailure.Violation",
        "google.rpc.BadRequest", "google.rpc.BadRequest.FieldViolation",
        "google.rpc.RequestInfo", "google.rpc.ResourceInfo", "google.rpc.Help", "google.rpc.Help.Link",
        "google.rpc.LocalizedMessage",
        "grpc.health.v1.HealthCheckRequest", "grpc.health.v1.HealthCheckResponse",
        "grpc.health.v1.HealthListRequest", "grpc.health.v1.HealthListResponse",
    ]).union(["v1", "v1alpha"].flatMap { version in
        [
            "ServerReflectionRequest", "ExtensionRequest", "ServerReflectionResponse", "FileDescriptorResponse",
            "ExtensionNumberResponse", "ListServiceResponse", "ServiceResponse", "ErrorResponse",
        ].map { "grpc.reflection.\(version).\($0)" }
    })

    @Test func registryListsEveryMessageExactlyOnce() {
        let names = StandardMessages.all.map { $0.protoMessageName }
        #expect(names.count == Set(names).count, "a type is listed twice")
        #expect(Set(names) == Self.expectedNames)
        #expect(names.count == 43)
    }

    @Test func perFileListsAddUpToAll() {
        let parts = StandardMessages.wellKnownTypes + StandardMessages.status + StandardMessages.errorDetails
            + StandardMessages.health + StandardMessages.reflectionV1 + StandardMessages.reflectionV1Alpha
        #expect(parts.map { $0.protoMessageName } == StandardMessages.all.map { $0.protoMessageName })
        #expect(StandardMessages.reflectionV1.allSatisfy { $0.protoMessageName.hasPrefix("grpc.reflection.v1.") })
        #expect(StandardMessages.reflectionV1Alpha.allSatisfy { $0.protoMessageName.hasPrefix("grpc.reflection.v1alpha.") })
    }

    @Test func fixturesCoverTheRegistry() {
        let fixtureNames = Populated.all.map { type(of: $0).protoMessageName }
        #expect(fixtureNames.count == StandardMessages.all.count)
        #expect(Set(fixtureNames) == Set(StandardMessages.all.map { $0.protoMessageName }))
    }

    @Test func populatedCheckSeesDefaultFields() {
        #expect(unsetFields(of: Google.Rpc.ErrorInfo()) == ["reason", "domain", "metadata"])
        var violation = Populated.quotaViolation
        violation.futureQuotaValue = nil
        violation.quotaValue = 0
        #expect(unsetFields(of: violation) == ["quotaValue", "futureQuotaValue"])
        var badRequest = Populated.badRequest
        badRequest.fieldViolations[0].localizedMessage?.locale = ""
        #expect(unsetFields(of: badRequest) == ["fieldViolations[0].localizedMessage.locale"])
        let request = Grpc.Reflection.V1.ServerReflectionRequest(host: "h", .fileContainingExtension(.init()))
        #expect(unsetFields(of: request) == [
            "messageRequest.fileContainingExtension.containingType",
            "messageRequest.fileContainingExtension.extensionNumber",
        ])
        #expect(unsetFields(of: Grpc.Health.V1.HealthCheckResponse()) == ["status"])
        #expect(unsetFields(of: Grpc.Reflection.V1.ListServiceResponse(service: [.init()])) == ["service[0].name"])
    }

    @Test(arguments: Fixture.all)
    func fixtureIsFullyPopulated(_ fixture: Fixture) {
        #expect(unsetFields(of: fixture.message) == [])
    }

    @Test(arguments: Fixture.all)
    func populatedMessageRoundTripsWithExactSize(_ fixture: Fixture) throws {
        let bytes = try expectRoundTrip(fixture.message)
        #expect(!bytes.isEmpty)
    }

    @Test func defaultMessagesEncodeToNothing() throws {
        for type in StandardMessages.all {
            let message = type.init()
            #expect(message.serializedBytes() == [], "\(type.protoMessageName)")
            #expect(message.serializedSize == 0, "\(type.protoMessageName)")
            let decoded = try type.init(serializedBytes: [])
            #expect(decoded.serializedBytes() == [], "\(type.protoMessageName)")
        }
    }

    /// Fields numbered 1000 and up (unknown to every standard message), one of each wire type.
    static let unknownTail = hex("c0 3e 2a  ca 3e 03 61 62 63  cd 3e 01 02 03 04  c9 3e 01 02 03 04 05 06 07 08")

    @Test(arguments: Fixture.all)
    func unknownFieldsAreKeptAndWrittenBackLast(_ fixture: Fixture) throws {
        try expectUnknownFieldsKept(fixture.message)
    }

    private func expectUnknownFieldsKept<M: ProtoMessage>(_ message: M) throws {
        let known = message.serializedBytes()
        let decoded = try M(serializedBytes: known + Self.unknownTail)
        #expect(decoded.unknownFields.bytes == message.unknownFields.bytes + Self.unknownTail)
        #expect(decoded.serializedBytes() == known + Self.unknownTail)
        #expect(decoded.serializedSize == known.count + Self.unknownTail.count)
        var withoutUnknown = decoded
        withoutUnknown.unknownFields = message.unknownFields
        #expect(withoutUnknown == message)
    }

    @Test(arguments: Fixture.all)
    func truncatedInputIsRejected(_ fixture: Fixture) throws {
        try expectTruncationRejected(fixture.message)
    }

    private func expectTruncationRejected<M: ProtoMessage>(_ message: M) throws {
        let bytes = message.serializedBytes()
        // Dropping the last byte always cuts the last field short.
        #expect(throws: ProtoDecodingError.self) { try M(serializedBytes: Array(bytes.dropLast())) }
    }

    @Test func decodingMergesIntoTheExistingMessage() throws {
        var status = Populated.status
        let extra = Google.Rpc.Status(code: 0, message: "", details: [Google.Protobuf.`Any`(packing: Populated.retryInfo)])
        try status.merge(serializedBytes: extra.serializedBytes())
        #expect(status.code == Populated.status.code)
        #expect(status.details.count == 3)
        #expect(try status.details[2].unpack(Google.Rpc.RetryInfo.self) == Populated.retryInfo)
    }
}
