import Testing
import RelayAPI

@Test func eventRoundTrips() throws {
    var e = Event()
    e.cursor = "c1"; e.type = .bounced; e.tags = ["a", "b"]; e.metadata = ["k": "v", "a": "b"]
    e.occurTime = Timestamp(seconds: 1_700_000_000, nanos: 5); e.smtpCode = -1
    let bytes = e.serializedBytes()
    #expect(bytes.count == e.serializedSize)
    let d = try Event(serializedBytes: bytes)
    #expect(d == e)
}
