internal import COpenSSL

/// Authenticated encryption with AES-256-GCM under one 32-byte key, for secrets at rest (DKIM
/// private keys). A sealed box is `nonce (12) || ciphertext || tag (16)`, with a random nonce
/// per seal; the associated data (such as the owning domain's id) is authenticated, not stored.
public struct SecretBox: Sendable {
    /// The key size in bytes.
    public static let keySize = 32
    /// The nonce size in bytes.
    public static let nonceSize = 12
    /// The authentication tag size in bytes.
    public static let tagSize = 16

    private let key: [UInt8]

    /// A box for `key`, which must be 32 bytes.
    public init(key: [UInt8]) throws(CryptoError) {
        guard key.count == Self.keySize else {
            throw .invalidKey("an AES-256-GCM key is \(Self.keySize) bytes, not \(key.count)")
        }
        self.key = key
    }

    /// A new random 32-byte key.
    public static func randomKey() -> [UInt8] { SecureRandom.bytes(keySize) }

    /// Encrypts and authenticates `plaintext` (and `associatedData`) under a fresh random nonce.
    public func seal(_ plaintext: [UInt8], associatedData: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        try seal(plaintext, associatedData: associatedData, nonce: SecureRandom.bytes(Self.nonceSize))
    }

    /// `seal` with a given nonce: for known-answer tests only (a nonce must never repeat under a key).
    func seal(_ plaintext: [UInt8], associatedData: [UInt8], nonce: [UInt8]) throws(CryptoError) -> [UInt8] {
        precondition(nonce.count == Self.nonceSize)
        guard let context = EVP_CIPHER_CTX_new() else { throw .openSSL(call: "EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(context) }
        guard EVP_EncryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1 else {
            throw .openSSL(call: "EVP_EncryptInit_ex")
        }
        var length: Int32 = 0
        if !associatedData.isEmpty {
            let ok = associatedData.withUnsafeBufferPointer {
                EVP_EncryptUpdate(context, nil, &length, $0.baseAddress, Int32($0.count))
            }
            guard ok == 1 else { throw .openSSL(call: "EVP_EncryptUpdate (associated data)") }
        }
        var sealed = nonce + [UInt8](repeating: 0, count: plaintext.count + Self.tagSize)
        let ok = sealed.withUnsafeMutableBufferPointer { output -> Bool in
            let body = output.baseAddress! + Self.nonceSize
            if !plaintext.isEmpty {
                let updated = plaintext.withUnsafeBufferPointer {
                    EVP_EncryptUpdate(context, body, &length, $0.baseAddress, Int32($0.count))
                }
                guard updated == 1, Int(length) == plaintext.count else { return false }
            }
            var finalLength: Int32 = 0
            guard EVP_EncryptFinal_ex(context, body + plaintext.count, &finalLength) == 1, finalLength == 0 else { return false }
            return EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_GET_TAG, Int32(Self.tagSize), body + plaintext.count) == 1
        }
        guard ok else { throw .openSSL(call: "AES-256-GCM encryption") }
        return sealed
    }

    /// Decrypts a box made by ``seal(_:associatedData:)`` with the same key and associated data.
    /// Throws ``CryptoError/authenticationFailed`` when any byte of the box or of the associated
    /// data differs, or the box is too short.
    public func open(_ sealed: [UInt8], associatedData: [UInt8] = []) throws(CryptoError) -> [UInt8] {
        guard sealed.count >= Self.nonceSize + Self.tagSize else { throw .authenticationFailed }
        let plaintextCount = sealed.count - Self.nonceSize - Self.tagSize
        guard let context = EVP_CIPHER_CTX_new() else { throw .openSSL(call: "EVP_CIPHER_CTX_new") }
        defer { EVP_CIPHER_CTX_free(context) }
        var plaintext = [UInt8](repeating: 0, count: plaintextCount)
        let ok = sealed.withUnsafeBufferPointer { input -> Bool in
            let nonce = input.baseAddress!
            let body = nonce + Self.nonceSize
            var tag = Array(input[(Self.nonceSize + plaintextCount)...])
            guard EVP_DecryptInit_ex(context, EVP_aes_256_gcm(), nil, key, nonce) == 1 else { return false }
            var length: Int32 = 0
            if !associatedData.isEmpty {
                let updated = associatedData.withUnsafeBufferPointer {
                    EVP_DecryptUpdate(context, nil, &length, $0.baseAddress, Int32($0.count))
                }
                guard updated == 1 else { return false }
            }
            if plaintextCount > 0 {
                let updated = plaintext.withUnsafeMutableBufferPointer {
                    EVP_DecryptUpdate(context, $0.baseAddress, &length, body, Int32(plaintextCount))
                }
                guard updated == 1 else { return false }
            }
            let tagSet = tag.withUnsafeMutableBytes {
                EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_AEAD_SET_TAG, Int32(Self.tagSize), $0.baseAddress)
            }
            guard tagSet == 1 else { return false }
            var finalLength: Int32 = 0
            var scratch = [UInt8](repeating: 0, count: 16)
            return scratch.withUnsafeMutableBufferPointer { EVP_DecryptFinal_ex(context, $0.baseAddress, &finalLength) } == 1
        }
        ERR_clear_error()
        guard ok else { throw .authenticationFailed }
        return plaintext
    }
}
