import ProtoWire
import RelayRPC
import Testing

/// google.rpc.Status and the error details of google/rpc/error_details.proto, byte for byte.
@Suite struct ErrorDetailsCodecTests {
    @Test func statusWithARetryInfoDetail() throws {
        let retry = Google.Rpc.RetryInfo(retryDelay: Google.Protobuf.Duration(seconds: 5))
        let status = Google.Rpc.Status(code: 14, message: "busy", details: [Google.Protobuf.`Any`(packing: retry)])

        // RetryInfo { retry_delay (1) = Duration { seconds (1) = 5 } }
        let retryBytes: [UInt8] = [0x0a, 0x02, 0x08, 0x05]
        // Any { type_url (1) = "type.googleapis.com/google.rpc.RetryInfo" (40 bytes), value (2) }
        let anyBytes: [UInt8] = [0x0a, 0x28] + Array("type.googleapis.com/google.rpc.RetryInfo".utf8) + [0x12, 0x04] + retryBytes
        // Status { code (1) = 14, message (2) = "busy", details (3) = the Any (48 bytes) }
        let expected: [UInt8] = [0x08, 0x0e, 0x12, 0x04, 0x62, 0x75, 0x73, 0x79, 0x1a, 0x30] + anyBytes

        #expect(retry.serializedBytes() == retryBytes)
        #expect(anyBytes.count == 48)
        #expect(status.serializedBytes() == expected)
        #expect(status.serializedSize == 58)

        let decoded = try Google.Rpc.Status(serializedBytes: expected)
        #expect(decoded == status)
        #expect(decoded.details[0].holds(Google.Rpc.RetryInfo.self))
        #expect(!decoded.details[0].holds(Google.Rpc.ErrorInfo.self))
        #expect(try decoded.details[0].unpack(Google.Rpc.RetryInfo.self) == retry)
        #expect(try decoded.details[0].unpack(Google.Rpc.ErrorInfo.self) == nil)
    }

    /// Agrees byte for byte with protobuf-python's encoding of the same message (map entries in
    /// key order, as its deterministic mode writes them).
    @Test func quotaViolationWithEveryField() throws {
        var violation = Google.Rpc.QuotaFailure.Violation(subject: "project:acme", description: "Daily send limit exceeded")
        violation.apiService = "relay.theonerelay.com"
        violation.quotaMetric = "relay.theonerelay.com/messages_sent"
        violation.quotaID = "MessagesPerDay"
        violation.quotaDimensions = ["region": "eu", "plan": "free"]
        violation.quotaValue = 10_000
        violation.futureQuotaValue = 0
        let expected =
            stringField(1, "project:acme") + stringField(2, "Daily send limit exceeded")
            + stringField(3, "relay.theonerelay.com") + stringField(4, "relay.theonerelay.com/messages_sent")
            + stringField(5, "MessagesPerDay")
            + lengthDelimited(6, stringField(1, "plan") + stringField(2, "free"))
            + lengthDelimited(6, stringField(1, "region") + stringField(2, "eu"))
            + [0x38, 0x90, 0x4e]  // quota_value (7) = 10000
            + [0x40, 0x00]  // future_quota_value (8) = 0: optional, so written although zero
        #expect(expected.count == 150)
        #expect(violation.serializedBytes() == expected)
        #expect(try Google.Rpc.QuotaFailure.Violation(serializedBytes: expected) == violation)
    }

    @Test func futureQuotaValueTellsZeroFromUnset() throws {
        var violation = Google.Rpc.QuotaFailure.Violation()
        #expect(violation.serializedBytes() == [])
        violation.futureQuotaValue = 0
        #expect(violation.serializedBytes() == [0x40, 0x00])
        #expect(try Google.Rpc.QuotaFailure.Violation(serializedBytes: [0x40, 0x00]).futureQuotaValue == 0)
        #expect(try Google.Rpc.QuotaFailure.Violation(serializedBytes: []).futureQuotaValue == nil)
        violation.futureQuotaValue = -1
        #expect(violation.serializedBytes() == hex("40 ff ff ff ff ff ff ff ff ff 01"))
    }

    @Test func badRequestWithALocalizedMessage() throws {
        let violation = Google.Rpc.BadRequest.FieldViolation(
            field: "to[0].address", description: "not an email address", reason: "INVALID_EMAIL_ADDRESS",
            localizedMessage: Google.Rpc.LocalizedMessage(locale: "fr-CH", message: "adresse invalide"))
        let request = Google.Rpc.BadRequest(fieldViolations: [violation])
        let localized = stringField(1, "fr-CH") + stringField(2, "adresse invalide")
        let violationBytes =
            stringField(1, "to[0].address") + stringField(2, "not an email address")
            + stringField(3, "INVALID_EMAIL_ADDRESS") + lengthDelimited(4, localized)
        let expected = lengthDelimited(1, violationBytes)
        #expect(expected.count == 89)
        #expect(request.serializedBytes() == expected)
        #expect(try Google.Rpc.BadRequest(serializedBytes: expected) == request)
    }

    @Test func emptyLocalizedMessageIsStillWritten() {
        var violation = Google.Rpc.BadRequest.FieldViolation()
        violation.localizedMessage = Google.Rpc.LocalizedMessage()
        #expect(violation.serializedBytes() == [0x22, 0x00])
    }

    @Test func repeatedFieldsAppendInOrder() throws {
        let links = lengthDelimited(1, stringField(2, "https://a.example")) + lengthDelimited(1, stringField(1, "second"))
        let help = try Google.Rpc.Help(serializedBytes: links)
        #expect(help.links == [
            Google.Rpc.Help.Link(description: "", URL: "https://a.example"),
            Google.Rpc.Help.Link(description: "second", URL: ""),
        ])
        let debug = try Google.Rpc.DebugInfo(serializedBytes: stringField(1, "a") + stringField(2, "d") + stringField(1, "b"))
        #expect(debug.stackEntries == ["a", "b"])
        #expect(debug.detail == "d")
        #expect(debug.serializedBytes() == stringField(1, "a") + stringField(1, "b") + stringField(2, "d"))
    }

    @Test func errorInfoMetadataIsSortedAndEmptyValuesAreKept() throws {
        let info = Google.Rpc.ErrorInfo(reason: "R", domain: "d", metadata: ["k": "", "a": "1"])
        let expected =
            stringField(1, "R") + stringField(2, "d")
            + lengthDelimited(3, stringField(1, "a") + stringField(2, "1"))
            + lengthDelimited(3, stringField(1, "k") + stringField(2, ""))
        #expect(info.serializedBytes() == expected)
        #expect(try Google.Rpc.ErrorInfo(serializedBytes: expected) == info)
    }

    @Test func scalarFieldsOfEachDetail() {
        #expect(Google.Rpc.RequestInfo(requestID: "r", servingData: "s").serializedBytes() == hex("0a 01 72 12 01 73"))
        #expect(
            Google.Rpc.ResourceInfo(resourceType: "t", resourceName: "n", owner: "o", description: "d").serializedBytes()
                == hex("0a 01 74 12 01 6e 1a 01 6f 22 01 64"))
        #expect(
            Google.Rpc.PreconditionFailure(violations: [.init(type: "T", subject: "s", description: "d")]).serializedBytes()
                == hex("0a 09 0a 01 54 12 01 73 1a 01 64"))
        #expect(Google.Rpc.LocalizedMessage(locale: "en", message: "m").serializedBytes() == hex("0a 02 65 6e 12 01 6d"))
        #expect(Google.Rpc.RetryInfo(retryDelay: .init()).serializedBytes() == [0x0a, 0x00])
    }

    @Test(arguments: Fixture.all.filter { type(of: $0.message).protoMessageName.hasPrefix("google.rpc.") })
    func everyDetailTravelsInAStatus(_ fixture: Fixture) throws {
        try expectPackedAndUnpacked(fixture.message)
    }

    private func expectPackedAndUnpacked<M: ProtoMessage>(_ detail: M) throws {
        let status = Google.Rpc.Status(code: 3, message: "invalid", details: [Google.Protobuf.`Any`(packing: detail)])
        let decoded = try Google.Rpc.Status(serializedBytes: status.serializedBytes())
        #expect(decoded.details[0].typeURL == "type.googleapis.com/" + M.protoMessageName)
        #expect(try decoded.details[0].unpack(M.self) == detail)
    }
}
