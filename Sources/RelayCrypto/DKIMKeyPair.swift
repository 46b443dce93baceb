internal import COpenSSL

/// The algorithm of a DKIM signing key (the record's `k=` tag and the signature's `a=` tag).
public enum DKIMKeyAlgorithm: String, Sendable, Hashable, CaseIterable {
    /// RSA with PKCS#1 v1.5 signatures over SHA-256 (`rsa-sha256`, RFC 6376). Generated keys
    /// have a 2048-bit modulus.
    case rsa
    /// Ed25519 over the SHA-256 hash of the signed data (`ed25519-sha256`, RFC 8463).
    case ed25519

    /// The value of a key record's `k=` tag: `rsa` or `ed25519`.
    public var keyType: String { rawValue }

    /// The value of a signature's `a=` tag: `rsa-sha256` or `ed25519-sha256`.
    public var signatureAlgorithm: String { "\(rawValue)-sha256" }
}

/// A DKIM private key (and its public half) held by OpenSSL: generated, or read from PKCS#8
/// (DER or PEM); writes the public key for the DNS record and signs header hashes.
///
/// One key may sign from many threads at once: an `EVP_PKEY` is not changed once made, and each
/// signature uses a context of its own.
public final class DKIMKeyPair: @unchecked Sendable {
    private let key: OpaquePointer
    /// The key's algorithm.
    public let algorithm: DKIMKeyAlgorithm

    /// Takes ownership of `key`, which must be RSA (1024 to 8192 bits) or Ed25519.
    private init(owning key: OpaquePointer) throws(CryptoError) {
        self.key = key
        switch EVP_PKEY_get_base_id(key) {
        case NID_rsaEncryption:
            algorithm = .rsa
            let bits = Int(EVP_PKEY_get_bits(key))
            guard (1024...8192).contains(bits) else {
                throw .invalidKey("an RSA key of \(bits) bits; DKIM needs 1024 to 8192 (2048 recommended)")
            }
        case NID_ED25519:
            algorithm = .ed25519
        default:
            throw .invalidKey("not an RSA or Ed25519 key")
        }
    }

    deinit { EVP_PKEY_free(key) }

    /// A new random key: RSA with a 2048-bit modulus and exponent 65537, or Ed25519.
    public static func generate(_ algorithm: DKIMKeyAlgorithm) throws(CryptoError) -> DKIMKeyPair {
        let name = algorithm == .rsa ? "RSA" : "ED25519"
        guard let context = EVP_PKEY_CTX_new_from_name(nil, name, nil) else {
            throw .openSSL(call: "EVP_PKEY_CTX_new_from_name(\(name))")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else { throw .openSSL(call: "EVP_PKEY_keygen_init") }
        if algorithm == .rsa {
            guard EVP_PKEY_CTX_set_rsa_keygen_bits(context, 2048) == 1 else {
                throw .openSSL(call: "EVP_PKEY_CTX_set_rsa_keygen_bits")
            }
        }
        var generated: OpaquePointer?
        guard EVP_PKEY_generate(context, &generated) == 1, let generated else {
            throw .openSSL(call: "EVP_PKEY_generate")
        }
        return try DKIMKeyPair(owning: generated)
    }

    /// Reads a private key from DER: PKCS#8 `PrivateKeyInfo` (or PKCS#1 for RSA).
    public convenience init(der: [UInt8]) throws(CryptoError) {
        let parsed: OpaquePointer? = der.withUnsafeBytes { bytes in
            guard let bio = BIO_new_mem_buf(bytes.baseAddress, Int32(bytes.count)) else { return nil }
            defer { BIO_free(bio) }
            return d2i_PrivateKey_bio(bio, nil)
        }
        guard let parsed else { throw .invalidKey(call: "reading a DER private key") }
        try self.init(owning: parsed)
    }

    /// Reads a private key from PEM (`PRIVATE KEY`, or `RSA PRIVATE KEY`). Encrypted keys are
    /// refused (no passphrase is ever asked for).
    public convenience init(pem: String) throws(CryptoError) {
        let bytes = Array(pem.utf8)
        let parsed: OpaquePointer? = bytes.withUnsafeBytes { raw in
            guard let bio = BIO_new_mem_buf(raw.baseAddress, Int32(raw.count)) else { return nil }
            defer { BIO_free(bio) }
            return PEM_read_bio_PrivateKey(bio, nil, { _, _, _, _ in -1 }, nil)
        }
        guard let parsed else { throw .invalidKey(call: "reading a PEM private key") }
        try self.init(owning: parsed)
    }

    /// An Ed25519 key from its 32-byte private key (the seed of RFC 8032).
    public convenience init(ed25519PrivateKey seed: [UInt8]) throws(CryptoError) {
        guard seed.count == 32 else { throw .invalidKey("an Ed25519 private key is 32 bytes, not \(seed.count)") }
        let made = seed.withUnsafeBufferPointer { EVP_PKEY_new_raw_private_key(NID_ED25519, nil, $0.baseAddress, 32) }
        guard let made else { throw .invalidKey(call: "EVP_PKEY_new_raw_private_key") }
        try self.init(owning: made)
    }

    /// The size of the key in bits (2048 for a generated RSA key, 253 for Ed25519).
    public var bits: Int { Int(EVP_PKEY_get_bits(key)) }

    /// The private key as unencrypted PKCS#8 `PrivateKeyInfo` DER. Seal it before storing it.
    public func pkcs8DER() throws(CryptoError) -> [UInt8] {
        try Self.writeToMemory("i2d_PKCS8PrivateKey_bio") { i2d_PKCS8PrivateKey_bio($0, key, nil, nil, 0, nil, nil) }
    }

    /// The private key as unencrypted PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    public func pkcs8PEM() throws(CryptoError) -> String {
        let bytes = try Self.writeToMemory("PEM_write_bio_PKCS8PrivateKey") {
            PEM_write_bio_PKCS8PrivateKey($0, key, nil, nil, 0, nil, nil)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The public key as a DKIM record's `p=` tag holds it, before base64: the DER
    /// `SubjectPublicKeyInfo` for RSA, the raw 32-byte key for Ed25519 (RFC 8463).
    public func publicKeyBytes() throws(CryptoError) -> [UInt8] {
        switch algorithm {
        case .rsa:
            return try Self.writeToMemory("i2d_PUBKEY_bio") { i2d_PUBKEY_bio($0, key) }
        case .ed25519:
            var length = 32
            var raw = [UInt8](repeating: 0, count: 32)
            let ok = raw.withUnsafeMutableBufferPointer { EVP_PKEY_get_raw_public_key(key, $0.baseAddress, &length) }
            guard ok == 1, length == 32 else { throw .openSSL(call: "EVP_PKEY_get_raw_public_key") }
            return raw
        }
    }

    /// The value of the key record's `p=` tag: ``publicKeyBytes()`` in base64.
    public func dnsPublicKey() throws(CryptoError) -> String { base64Encoded(try publicKeyBytes()) }

    /// The whole TXT record to publish at `<selector>._domainkey.<domain>`:
    /// `v=DKIM1; k=rsa; p=…` (or `k=ed25519`).
    public func dnsRecord() throws(CryptoError) -> String {
        "v=DKIM1; k=\(algorithm.keyType); p=\(try dnsPublicKey())"
    }

    /// The DKIM signature of `data` (the canonicalized header fields): RSASSA-PKCS1-v1_5 with
    /// SHA-256 for RSA; for Ed25519, PureEdDSA over the SHA-256 hash of `data` (RFC 8463 §3).
    public func sign(_ data: [UInt8]) throws(CryptoError) -> [UInt8] {
        guard let context = EVP_MD_CTX_new() else { throw .openSSL(call: "EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        let input = algorithm == .rsa ? data : SHA256.hash(data)
        guard EVP_DigestSignInit(context, nil, algorithm == .rsa ? EVP_sha256() : nil, nil, key) == 1 else {
            throw .openSSL(call: "EVP_DigestSignInit")
        }
        var length = 0
        let sized = input.withUnsafeBufferPointer { EVP_DigestSign(context, nil, &length, $0.baseAddress, $0.count) }
        guard sized == 1 else { throw .openSSL(call: "EVP_DigestSign (size)") }
        var signature = [UInt8](repeating: 0, count: length)
        let signed = signature.withUnsafeMutableBufferPointer { output in
            input.withUnsafeBufferPointer { EVP_DigestSign(context, output.baseAddress, &length, $0.baseAddress, $0.count) }
        }
        guard signed == 1 else { throw .openSSL(call: "EVP_DigestSign") }
        return Array(signature.prefix(length))
    }

    /// Whether `signature` is this key's DKIM signature of `data` (the check ``sign(_:)`` makes).
    public func verify(_ signature: [UInt8], of data: [UInt8]) -> Bool {
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        let input = algorithm == .rsa ? data : SHA256.hash(data)
        guard EVP_DigestVerifyInit(context, nil, algorithm == .rsa ? EVP_sha256() : nil, nil, key) == 1 else {
            ERR_clear_error()
            return false
        }
        let result = signature.withUnsafeBufferPointer { sig in
            input.withUnsafeBufferPointer { EVP_DigestVerify(context, sig.baseAddress, sig.count, $0.baseAddress, $0.count) }
        }
        ERR_clear_error()
        return result == 1
    }

    /// Runs `write` against a memory BIO and returns what it wrote.
    private static func writeToMemory(_ call: String, _ write: (OpaquePointer) -> Int32) throws(CryptoError) -> [UInt8] {
        guard let bio = BIO_new(BIO_s_mem()) else { throw .openSSL(call: "BIO_new") }
        defer { BIO_free(bio) }
        guard write(bio) == 1 else { throw .openSSL(call: call) }
        let pending = Int(BIO_ctrl_pending(bio))
        var bytes = [UInt8](repeating: 0, count: pending)
        let read = bytes.withUnsafeMutableBytes { BIO_read(bio, $0.baseAddress, Int32(pending)) }
        guard read == pending else { throw .openSSL(call: "BIO_read") }
        return bytes
    }
}

/// Standard base64 (RFC 4648, padded, one line) through OpenSSL's `EVP_EncodeBlock`.
public func base64Encoded(_ bytes: [UInt8]) -> String {
    if bytes.isEmpty { return "" }
    let capacity = (bytes.count + 2) / 3 * 4 + 1
    let encoded = [UInt8](unsafeUninitializedCapacity: capacity) { output, count in
        count = bytes.withUnsafeBufferPointer { Int(EVP_EncodeBlock(output.baseAddress, $0.baseAddress, Int32($0.count))) }
    }
    return String(decoding: encoded, as: UTF8.self)
}

/// Standard base64 decoded through OpenSSL's `EVP_DecodeBlock`, ignoring CR, LF, space and tab;
/// nil for anything that is not whole, padded base64.
public func base64Decoded(_ text: String) -> [UInt8]? {
    let characters = text.utf8.filter { $0 != 0x0D && $0 != 0x0A && $0 != 0x20 && $0 != 0x09 }
    guard characters.count % 4 == 0 else { return nil }
    if characters.isEmpty { return [] }
    // '=' only as the last one or two characters.
    let padding = characters.reversed().prefix { $0 == UInt8(ascii: "=") }.count
    guard padding <= 2, !characters.dropLast(padding).contains(UInt8(ascii: "=")) else { return nil }
    var decoded = [UInt8](unsafeUninitializedCapacity: characters.count / 4 * 3) { output, count in
        let written = characters.withUnsafeBufferPointer { Int(EVP_DecodeBlock(output.baseAddress, $0.baseAddress, Int32($0.count))) }
        count = max(0, written)
    }
    // EVP_DecodeBlock refuses bad characters (-1) and writes padding as zero bytes.
    guard decoded.count == characters.count / 4 * 3 else { return nil }
    decoded.removeLast(padding)
    return decoded
}
