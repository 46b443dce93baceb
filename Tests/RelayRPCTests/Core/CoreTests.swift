import Testing
import ProtoWire
@testable import RelayRPC

@Suite struct GRPCTimeoutTests {
    @Test(arguments: [
        ("1H", 3_600_000_000_000), ("2M", 120_000_000_000), ("5S", 5_000_000_000), ("100m", 100_000_000),
        ("7u", 7_000), ("9n", 9), ("99999999S", 99_999_999_000_000_000), ("0m", 0),
    ] as [(String, Int64)])
    func parsesEveryUnit(header: String, nanoseconds: Int64) {
        #expect(GRPCTimeout(headerValue: header)?.nanoseconds == nanoseconds)
    }

    @Test(arguments: ["", "S", "1", "1s", "123456789S", "-1S", "1.5S", " 1S", "1SS"])
    func rejectsMalformedValues(header: String) {
        #expect(GRPCTimeout(headerValue: header) == nil)
    }

    @Test func hugeHoursSaturate() {
        #expect(GRPCTimeout(headerValue: "99999999H")?.nanoseconds == Int64.max)
    }

    @Test func formatsExactlyAndShortest() {
        #expect(GRPCTimeout(nanoseconds: 5_000_000_000).headerValue == "5S")
        #expect(GRPCTimeout(nanoseconds: 1_500_000).headerValue == "1500u")
        #expect(GRPCTimeout(nanoseconds: 250).headerValue == "250n")
        #expect(GRPCTimeout(nanoseconds: 123_456_789_123).headerValue == "123457m")
        #expect(GRPCTimeout(nanoseconds: 0).headerValue == "0H")
        for ns: Int64 in [1, 999, 1_000_000, 3_600_000_000_000, 86_400_000_000_000] {
            let header = GRPCTimeout(nanoseconds: ns).headerValue
            #expect(GRPCTimeout(headerValue: header)?.nanoseconds == ns)
        }
    }
}

@Suite struct PercentEncodingTests {
    @Test func encodesPerSpec() {
        #expect(PercentEncoding.encode("plain message") == "plain message")
        #expect(PercentEncoding.encode("100% sure") == "100%25 sure")
        #expect(PercentEncoding.encode("line\nbreak") == "line%0Abreak")
        #expect(PercentEncoding.encode("héllo") == "h%C3%A9llo")
        #expect(PercentEncoding.encode("emoji 🚀") == "emoji %F0%9F%9A%80")
    }

    @Test func decodesAndToleratesMalformedEscapes() {
        #expect(PercentEncoding.decode("h%C3%A9llo") == "héllo")
        #expect(PercentEncoding.decode("50%") == "50%")
        #expect(PercentEncoding.decode("%zz%4") == "%zz%4")
        #expect(PercentEncoding.decode("%FF") == "\u{FFFD}")
        for s in ["", "a%b", "ünïcödé\t\r\n", "%%%", "🚀 launch"] {
            #expect(PercentEncoding.decode(PercentEncoding.encode(s)) == s)
        }
    }
}

@Suite struct MessageDeframerTests {
    @Test func splitsMessagesAcrossArbitraryChunks() throws {
        let messages: [[UInt8]] = [[], [1, 2, 3], Array(repeating: 7, count: 70_000), [9]]
        var body: [UInt8] = []
        for m in messages { body += GRPCFrame(payload: m).encoded() }
        for chunkSize in [1, 2, 5, 6, 4096, body.count] {
            var deframer = MessageDeframer()
            var out: [[UInt8]] = []
            var i = 0
            while i < body.count {
                deframer.append(body[i..<min(i + chunkSize, body.count)])
                while let frame = try deframer.next() { out.append(frame.payload) }
                i += chunkSize
            }
            try deframer.finish()
            #expect(out == messages, "chunk size \(chunkSize)")
        }
    }

    @Test func rejectsAnOversizedLengthBeforeBufferingTheBody() {
        var deframer = MessageDeframer(maxMessageSize: 10)
        deframer.append([0, 0, 0, 0, 11])
        #expect(throws: DeframingError.messageTooLarge(length: 11, limit: 10)) { try deframer.next() }
        var huge = MessageDeframer()
        huge.append([0, 0xFF, 0xFF, 0xFF, 0xFF])
        #expect(throws: DeframingError.messageTooLarge(length: 0xFFFF_FFFF, limit: 4 * 1024 * 1024)) { try huge.next() }
    }

    @Test func rejectsInvalidFlagAndTruncation() throws {
        var deframer = MessageDeframer()
        deframer.append([2, 0, 0, 0, 0])
        #expect(throws: DeframingError.invalidFlag(2)) { try deframer.next() }
        var cut = MessageDeframer()
        cut.append([0, 0, 0, 0, 3, 1])
        #expect(try cut.next() == nil)
        #expect(throws: DeframingError.truncated(buffered: 6)) { try cut.finish() }
    }

    @Test func keepsTheCompressedFlag() throws {
        var deframer = MessageDeframer()
        deframer.append(GRPCFrame(compressed: true, payload: [1]).encoded())
        #expect(try deframer.next() == GRPCFrame(compressed: true, payload: [1]))
    }
}

@Suite struct StatusAndMetadataTests {
    @Test func statusCodesMapFromWireAndHTTP() {
        #expect(StatusCode(wireValue: 16) == .unauthenticated)
        #expect(StatusCode(wireValue: 17) == .unknown)
        #expect(StatusCode(wireValue: -1) == .unknown)
        #expect(StatusCode(httpStatus: 404) == .unimplemented)
        #expect(StatusCode(httpStatus: 503) == .unavailable)
        #expect(StatusCode.allCases.count == 17)
        #expect(StatusCode.invalidArgument.description == "INVALID_ARGUMENT")
    }

    @Test func rpcErrorCarriesTypedDetailsThroughGoogleRpcStatus() throws {
        var info = Google.Rpc.RetryInfo()
        info.retryDelay = Google.Protobuf.Duration(seconds: 3)
        let error = RPCError(code: .resourceExhausted, message: "slow down", detail: info)
        let wire = error.status.serializedBytes()
        let back = RPCError(status: try Google.Rpc.Status(serializedBytes: wire))
        #expect(back == error)
        #expect(back.detail(Google.Rpc.RetryInfo.self)?.retryDelay?.seconds == 3)
        #expect(back.detail(Google.Rpc.ErrorInfo.self) == nil)
    }

    @Test func metadataKeepsOrderAndLowercasesKeys() {
        var m = Metadata()
        m.add("X-Trace", "a")
        m.add("x-trace", "b")
        m.add("payload-bin", binary: [0, 255])
        #expect(m.first("x-trace") == "a")
        #expect(m.values("X-TRACE") == [.string("a"), .string("b")])
        #expect(m.values("payload-bin") == [.binary([0, 255])])
        m.removeAll("x-trace")
        #expect(m.count == 1)
        #expect(Metadata.isValidKey("x-ok.1_2"))
        #expect(!Metadata.isValidKey("Bad Key"))
        #expect(Metadata.isReserved("grpc-status") && Metadata.isReserved(":path") && !Metadata.isReserved("x-a"))
    }
}
