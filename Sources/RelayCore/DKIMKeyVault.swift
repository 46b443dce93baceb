public import Foundation
public import RelayCrypto
public import RelayDomain

/// Makes DKIM key pairs and keeps their private keys sealed (AES-256-GCM) under the
/// key-encryption key, which lives outside the database. The seal's associated data is the key's
/// row id and its domain's id, so a sealed key moved to another row does not open.
public struct DKIMKeyVault: Sendable {
    private let box: SecretBox
    /// The key-encryption key's name and version, stored with each sealed key.
    public let keyID: String
    /// The version of ``keyID``.
    public let keyVersion: Int32

    /// A vault sealing with the 32-byte `kek`.
    public init(kek: [UInt8], keyID: String = "local", keyVersion: Int32 = 1) throws(DomainError) {
        do {
            box = try SecretBox(key: kek)
        } catch {
            throw .internalError("the DKIM key-encryption key is unusable: \(error)")
        }
        self.keyID = keyID
        self.keyVersion = keyVersion
    }

    /// A new key pair for `domain`, sealed, with `selector`.
    public func generate(_ algorithm: DKIMAlgorithm, selector: String, for domain: DomainID, now: Date) throws(DomainError) -> DKIMKey {
        let id = UUID.timeOrdered(at: now)
        do {
            let pair = try DKIMKeyPair.generate(algorithm == .ed25519 ? .ed25519 : .rsa)
            let sealed = try box.seal(try pair.pkcs8DER(), associatedData: Self.associatedData(id, domain))
            return DKIMKey(
                id: id, selector: selector, algorithm: algorithm, status: .pending, publicKey: try pair.dnsPublicKey(),
                privateKey: SealedPrivateKey(
                    ciphertext: Array(sealed.dropFirst(SecretBox.nonceSize)), nonce: Array(sealed.prefix(SecretBox.nonceSize)),
                    keyID: keyID, keyVersion: keyVersion),
                createdAt: now)
        } catch {
            throw .internalError("making a DKIM key failed: \(error)")
        }
    }

    /// The private key of `key` (of `domain`), unsealed.
    public func keyPair(_ key: DKIMKey, of domain: DomainID) throws(DomainError) -> DKIMKeyPair {
        guard key.privateKey.keyID == keyID else {
            throw .failedPrecondition("the DKIM key \(key.selector) is sealed with the key-encryption key \"\(key.privateKey.keyID)\", which this server does not hold")
        }
        do {
            let der = try box.open(key.privateKey.nonce + key.privateKey.ciphertext, associatedData: Self.associatedData(key.id, domain))
            return try DKIMKeyPair(der: der)
        } catch {
            throw .failedPrecondition("the DKIM key \(key.selector) does not unseal with this server's key-encryption key")
        }
    }

    private static func associatedData(_ key: UUID, _ domain: DomainID) -> [UInt8] {
        Array((key.uuidString.lowercased() + "/" + domain.uuid.uuidString.lowercased()).utf8)
    }
}
