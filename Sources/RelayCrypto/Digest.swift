internal import COpenSSL

/// SHA-256 through OpenSSL.
public enum SHA256 {
    /// The 32-byte digest of `bytes`.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        bytes.withUnsafeBufferPointer { input in digest(input) }
    }

    /// The 32-byte digest of a string's UTF-8 bytes.
    public static func hash(_ text: String) -> [UInt8] { hash(text[...]) }

    /// The 32-byte digest of a substring's UTF-8 bytes.
    public static func hash(_ text: Substring) -> [UInt8] {
        if let digest = text.utf8.withContiguousStorageIfAvailable({ digest($0) }) { return digest }
        return hash(Array(text.utf8))
    }

    private static func digest(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 32) { output, count in
            relay_sha256(input.baseAddress, input.count, output.baseAddress)
            count = 32
        }
    }
}

/// Compares two byte strings in time that depends only on their lengths, not on where they differ.
public func constantTimeEquals(_ a: [UInt8], _ b: [UInt8]) -> Bool {
    guard a.count == b.count else { return false }
    if a.isEmpty { return true }
    return a.withUnsafeBufferPointer { x in
        b.withUnsafeBufferPointer { y in CRYPTO_memcmp(x.baseAddress, y.baseAddress, x.count) == 0 }
    }
}

/// Bytes from OpenSSL's CSPRNG (seeded by the kernel).
public enum SecureRandom {
    /// `count` random bytes.
    public static func bytes(_ count: Int) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let ok = bytes.withUnsafeMutableBufferPointer { RAND_bytes($0.baseAddress, Int32($0.count)) }
        precondition(ok == 1, "RAND_bytes failed: the CSPRNG is not seeded")
        return bytes
    }
}
