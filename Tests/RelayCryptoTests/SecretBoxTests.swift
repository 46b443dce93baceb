@testable import RelayCrypto
import Testing

@Suite struct SecretBoxTests {
    private func hex(_ bytes: [UInt8]) -> String { bytes.map { String($0, radix: 16).leftPadded }.joined() }

    @Test func knownAnswersOfAES256GCM() throws {
        // McGrew & Viega, "The Galois/Counter Mode of Operation", test cases 13 and 14.
        let zeroKey = try SecretBox(key: [UInt8](repeating: 0, count: 32))
        let nonce = [UInt8](repeating: 0, count: 12)
        #expect(hex(try zeroKey.seal([], associatedData: [], nonce: nonce)) == "000000000000000000000000" + "530f8afbc74536b9a963b4f1c4cb738b")
        #expect(
            hex(try zeroKey.seal([UInt8](repeating: 0, count: 16), associatedData: [], nonce: nonce))
                == "000000000000000000000000" + "cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919")
        // With associated data (checked against Python's `cryptography` AESGCM).
        let box = try SecretBox(key: Array(0..<32))
        let sealed = try box.seal(Array("dkim private key".utf8), associatedData: Array("dom_123".utf8), nonce: Array(0..<12))
        #expect(hex(sealed) == "000102030405060708090a0b" + "2369bf76e595b072fb20e3ee91821d14dd7536141f80775ba7f7a55d9944a34f")
        #expect(try box.open(sealed, associatedData: Array("dom_123".utf8)) == Array("dkim private key".utf8))
    }

    @Test func sealThenOpenGivesThePlaintextBackUnderAFreshNonceEachTime() throws {
        let box = try SecretBox(key: SecretBox.randomKey())
        for size in [0, 1, 15, 16, 17, 1000] {
            let plaintext = SecureRandom.bytes(size)
            let first = try box.seal(plaintext, associatedData: [7])
            let second = try box.seal(plaintext, associatedData: [7])
            #expect(first.count == 12 + size + 16)
            #expect(first.prefix(12) != second.prefix(12))
            #expect(try box.open(first, associatedData: [7]) == plaintext)
            #expect(try box.open(second, associatedData: [7]) == plaintext)
        }
    }

    @Test func everyFlippedBitOfTheBoxFailsAuthentication() throws {
        let box = try SecretBox(key: SecretBox.randomKey())
        let sealed = try box.seal(Array("-----BEGIN PRIVATE KEY-----".utf8), associatedData: Array("example.com".utf8))
        for index in sealed.indices {
            for bit in [0, 7] {
                var tampered = sealed
                tampered[index] ^= 1 << bit
                #expect(throws: CryptoError.authenticationFailed) {
                    try box.open(tampered, associatedData: Array("example.com".utf8))
                }
            }
        }
    }

    @Test func otherAssociatedDataAnotherKeyOrATruncatedBoxFail() throws {
        let key = SecretBox.randomKey()
        let box = try SecretBox(key: key)
        let sealed = try box.seal([1, 2, 3], associatedData: Array("dom_1".utf8))
        #expect(throws: CryptoError.authenticationFailed) { try box.open(sealed, associatedData: Array("dom_2".utf8)) }
        #expect(throws: CryptoError.authenticationFailed) { try box.open(sealed) }
        var otherKey = key
        otherKey[0] ^= 1
        #expect(throws: CryptoError.authenticationFailed) {
            try SecretBox(key: otherKey).open(sealed, associatedData: Array("dom_1".utf8))
        }
        #expect(throws: CryptoError.authenticationFailed) { try box.open(Array(sealed.dropLast()), associatedData: Array("dom_1".utf8)) }
        #expect(throws: CryptoError.authenticationFailed) { try box.open(Array(sealed.prefix(27)), associatedData: Array("dom_1".utf8)) }
        #expect(throws: CryptoError.authenticationFailed) { try box.open(sealed + [0], associatedData: Array("dom_1".utf8)) }
    }

    @Test func aKeyThatIsNot32BytesIsRefused() {
        #expect(throws: CryptoError.invalidKey("an AES-256-GCM key is 32 bytes, not 16")) { try SecretBox(key: [UInt8](repeating: 0, count: 16)) }
    }
}

extension String {
    fileprivate var leftPadded: String { count == 1 ? "0" + self : self }
}
