internal import Foundation
internal import RelayDomain
internal import RelayCrypto

/// A key's secret: `rly_live_` and 43 random base62 characters (256 bits from the CSPRNG). Only its
/// SHA-256 is stored; its first 17 characters (`rly_live_` and 8 more) are shown as the key's
/// prefix, to tell keys apart without revealing them.
public struct APIKeySecret: Sendable {
    /// The full secret, shown to the caller once.
    public let text: String
    /// The visible prefix.
    public var prefix: String { String(text.prefix(Self.kind.count + Self.visibleCharacters)) }
    /// SHA-256 of the secret.
    public var hash: [UInt8] { SHA256.hash(text) }

    /// Every secret starts with this (and every bearer credential Relay accepts).
    public static let kind = "rly_live_"
    static let randomCharacters = 43
    static let visibleCharacters = 8
    private static func isSecretCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "_"):
            true
        default: false
        }
    }

    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// A new random secret.
    public static func generate() -> APIKeySecret {
        var characters: [UInt8] = []
        characters.reserveCapacity(randomCharacters)
        while characters.count < randomCharacters {
            // Rejection sampling keeps every character uniform: 248 = 4 × 62.
            for byte in SecureRandom.bytes(64) where byte < 248 && characters.count < randomCharacters {
                characters.append(alphabet[Int(byte % 62)])
            }
        }
        return APIKeySecret(text: kind + String(decoding: characters, as: UTF8.self))
    }

    private init(text: String) { self.text = text }

    /// The cheap part of ``malformation(of:)`` (prefix and length), for every call; the
    /// characters are checked only before a secret is looked up in the store.
    static func shapeProblem(of credential: Substring) -> String? {
        guard credential.utf8.starts(with: "rly_".utf8) else { return "an API key starts with \"rly_\"" }
        guard credential.utf8.count <= 128 else { return "the API key is too long" }
        return nil
    }

    /// Why a bearer credential cannot be a Relay secret, or nil if its shape is right.
    public static func malformation(of credential: String) -> String? { malformation(of: credential[...]) }

    /// Why a bearer credential cannot be a Relay secret, or nil if its shape is right (whether it
    /// is a known key is for the store to say).
    public static func malformation(of credential: Substring) -> String? {
        if let problem = shapeProblem(of: credential) { return problem }
        guard credential.utf8.allSatisfy(isSecretCharacter) else {
            return "the API key holds characters no Relay key has"
        }
        return nil
    }
}
