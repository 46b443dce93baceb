import Foundation
import RelayCrypto
import Testing

/// `base64Encoded` and `base64Decoded` (OpenSSL) against Foundation's base64 and RFC 4648's vectors.
@Suite struct Base64Tests {
    @Test(arguments: ["", "f", "fo", "foo", "foob", "fooba", "foobar"])
    func rfc4648Vectors(text: String) {
        let expected = Data(text.utf8).base64EncodedString()
        #expect(base64Encoded(Array(text.utf8)) == expected)
        #expect(base64Decoded(expected) == Array(text.utf8))
    }

    @Test func randomBytesRoundTripWithLineBreaksIgnored() {
        for count in [1, 2, 3, 57, 58, 1000] {
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255) }
            let encoded = base64Encoded(bytes)
            #expect(encoded == Data(bytes).base64EncodedString())
            let wrapped = stride(from: 0, to: encoded.count, by: 76).map { String(Array(encoded)[$0..<min($0 + 76, encoded.count)]) }
            #expect(base64Decoded(wrapped.joined(separator: "\r\n") + "\r\n") == bytes)
        }
    }

    @Test(arguments: ["Zm9", "Zm9v!", "Z=9v", "Zg===", "Zm=v", "===="])
    func malformedInputIsRefused(text: String) {
        #expect(base64Decoded(text) == nil)
    }
}
