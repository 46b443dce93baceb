import Foundation
import RelayCrypto
import Testing

@Suite struct DKIMKeyPairTests {
    @Test func theRFC8463Ed25519KeySignsTheAppendixMessageExactly() throws {
        let seed = try #require(Data(base64Encoded: RFC8463Keys.ed25519PrivateKey))
        let key = try DKIMKeyPair(ed25519PrivateKey: Array(seed))
        #expect(key.algorithm == .ed25519)
        #expect(try key.dnsPublicKey() == RFC8463Keys.ed25519PublicKey)
        let data = RFC8463Keys.signedData(algorithm: "ed25519-sha256", selector: "brisbane")
        let signature = try key.sign(data)
        #expect(base64Encoded(signature) == RFC8463Keys.ed25519Signature)
        #expect(key.verify(signature, of: data))
        #expect(!key.verify(signature, of: data + [0x20]))
    }

    @Test func theRFC8463RSAKeySignsTheAppendixMessageExactly() throws {
        let key = try DKIMKeyPair(pem: RFC8463Keys.rsaPrivateKeyPEM)
        #expect(key.algorithm == .rsa && key.bits == 1024)
        #expect(try key.dnsPublicKey() == RFC8463Keys.rsaPublicKey)
        let data = RFC8463Keys.signedData(algorithm: "rsa-sha256", selector: "test")
        let signature = try key.sign(data)
        #expect(base64Encoded(signature) == RFC8463Keys.rsaSignature)
        #expect(key.verify(signature, of: data))
    }

    @Test(arguments: DKIMKeyAlgorithm.allCases)
    func aGeneratedKeyRoundTripsThroughPKCS8PEMAndDER(algorithm: DKIMKeyAlgorithm) throws {
        let key = try DKIMKeyPair.generate(algorithm)
        #expect(key.algorithm == algorithm)
        let pem = try key.pkcs8PEM()
        #expect(pem.hasPrefix("-----BEGIN PRIVATE KEY-----\n"))
        #expect(pem.hasSuffix("-----END PRIVATE KEY-----\n"))
        let fromPEM = try DKIMKeyPair(pem: pem)
        let fromDER = try DKIMKeyPair(der: try key.pkcs8DER())
        #expect(try fromPEM.publicKeyBytes() == key.publicKeyBytes())
        #expect(try fromDER.publicKeyBytes() == key.publicKeyBytes())
        #expect(try fromDER.pkcs8DER() == key.pkcs8DER())
        let data = Array("from:a@example.com\r\n".utf8)
        #expect(key.verify(try fromPEM.sign(data), of: data))
        #expect(fromDER.verify(try key.sign(data), of: data))
        let other = try DKIMKeyPair.generate(algorithm)
        #expect(!other.verify(try key.sign(data), of: data))
    }

    @Test func aGeneratedRSAKeyHas2048BitsAndADERPublicKeyInfo() throws {
        let key = try DKIMKeyPair.generate(.rsa)
        #expect(key.bits == 2048)
        let info = try key.publicKeyBytes()
        // SEQUENCE { SEQUENCE { OID rsaEncryption, NULL }, BIT STRING } of a 2048-bit key: 294 bytes.
        #expect(info.count == 294)
        #expect(Array(info.prefix(4)) == [0x30, 0x82, 0x01, 0x22])
        #expect(try key.dnsRecord() == "v=DKIM1; k=rsa; p=\(base64Encoded(info))")
        #expect(try key.sign([1, 2, 3]).count == 256)
    }

    @Test func aGeneratedEd25519KeyPublishesTheRaw32ByteKey() throws {
        let key = try DKIMKeyPair.generate(.ed25519)
        #expect(try key.publicKeyBytes().count == 32)
        #expect(try key.dnsRecord().hasPrefix("v=DKIM1; k=ed25519; p="))
        #expect(try key.dnsPublicKey().count == 44)
        #expect(try key.sign([1, 2, 3]).count == 64)
    }

    @Test(arguments: DKIMKeyAlgorithm.allCases)
    func oneKeySignsFromManyTasksAtOnce(algorithm: DKIMKeyAlgorithm) async throws {
        let key = try DKIMKeyPair.generate(algorithm)
        let results = try await withThrowingTaskGroup(of: Bool.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var ok = true
                    for round in 0..<20 {
                        let data = Array("task \(task) round \(round)".utf8)
                        let signature = try key.sign(data)
                        ok = ok && key.verify(signature, of: data)
                    }
                    return ok
                }
            }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results == Array(repeating: true, count: 8))
    }

    @Test func keysThatAreNotDKIMKeysAreRefusedWithAReason() throws {
        // A P-256 key (PKCS#8): a valid key of a type DKIM cannot use.
        let ecKey = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgRMcYqFw3P6g+SEVw
            iF+2HwLtSvYLXjqcoPXBWNhJrlehRANCAASKAKK5evbmcfyOoFwNfbOKI4aLT0R3
            C5vgJmHYlDQqVUp7vC52l+6vS+6iyM1g2paDNVQT1x+SEahgSJLeasDR
            -----END PRIVATE KEY-----
            """
        #expect(throws: CryptoError.invalidKey("not an RSA or Ed25519 key")) { try DKIMKeyPair(pem: ecKey) }
        #expect { try DKIMKeyPair(pem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n") } throws: { error in
            guard case .invalidKey = error as? CryptoError else { return false }
            return true
        }
        // An encrypted key is refused without asking for a passphrase.
        let encrypted = """
            -----BEGIN ENCRYPTED PRIVATE KEY-----
            MIGjMF8GCSqGSIb3DQEFDTBSMDEGCSqGSIb3DQEFDDAkBBDe+ij71uJ2TJBLita9
            MDBvAgIIADAMBggqhkiG9w0CCQUAMB0GCWCGSAFlAwQBKgQQ/aYm1KtJk0ZFFw+P
            HeP/uARAKEzHtvqcq/FdVth0nOMfrN/FZPBWPAplud/Z2/4hp9lwiQIP5lQM7oFX
            WdtKhVYTQ3fxuxOTZZEptuwF8ayXpQ==
            -----END ENCRYPTED PRIVATE KEY-----
            """
        #expect { try DKIMKeyPair(pem: encrypted) } throws: { error in
            guard case .invalidKey(let reason) = error as? CryptoError else { return false }
            return reason.hasPrefix("reading a PEM private key failed")
        }
        #expect { try DKIMKeyPair(der: [0x30, 0x03, 0x02, 0x01, 0x00]) } throws: { error in
            guard case .invalidKey = error as? CryptoError else { return false }
            return true
        }
        #expect(throws: CryptoError.invalidKey("an Ed25519 private key is 32 bytes, not 31")) {
            try DKIMKeyPair(ed25519PrivateKey: [UInt8](repeating: 1, count: 31))
        }
    }
}
