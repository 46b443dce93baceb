public import Foundation

/// Where a sending domain is in its verification; raw values are the contract's numbers.
public enum DomainStatus: Int16, Sendable {
    case pending = 1, verified, failed, temporaryFailure, degraded
}

/// A DKIM key's algorithm; raw values are the contract's `DkimKeyAlgorithm` numbers.
public enum DKIMAlgorithm: Int16, Sendable {
    /// `rsa-sha256` with a 2048-bit key.
    case rsa2048 = 1
    /// `ed25519-sha256` (RFC 8463).
    case ed25519 = 2

    /// The `k=` tag of the key's record.
    public var keyType: String { self == .rsa2048 ? "rsa" : "ed25519" }

    /// The algorithm of a record's `k=` tag (`rsa`, `ed25519`); nil for anything else.
    public init?(keyType: String) {
        switch keyType {
        case "rsa": self = .rsa2048
        case "ed25519": self = .ed25519
        default: return nil
        }
    }
}

/// A DKIM key's part in signing.
public enum DKIMKeyStatus: String, Sendable {
    /// Made by a rotation, waiting for its record to verify.
    case pending
    /// Signs new mail.
    case active
    /// No longer signs; its record stays published for 7 days.
    case retired
}

/// A private key sealed with the key-encryption key (AES-256-GCM).
public struct SealedPrivateKey: Sendable, Equatable {
    /// The ciphertext with its tag.
    public var ciphertext: [UInt8]
    /// The nonce.
    public var nonce: [UInt8]
    /// Which key-encryption key sealed it, and its version.
    public var keyID: String
    /// The version of `keyID`.
    public var keyVersion: Int32

    /// A sealed key.
    public init(ciphertext: [UInt8], nonce: [UInt8], keyID: String, keyVersion: Int32) {
        self.ciphertext = ciphertext
        self.nonce = nonce
        self.keyID = keyID
        self.keyVersion = keyVersion
    }
}

/// A DKIM key pair of a domain.
public struct DKIMKey: Sendable, Equatable {
    /// The row id (also bound into the seal).
    public var id: UUID
    /// The selector (`s=`).
    public var selector: String
    /// The algorithm.
    public var algorithm: DKIMAlgorithm
    /// Its part in signing.
    public var status: DKIMKeyStatus
    /// The record's `p=` value, base64.
    public var publicKey: String
    /// The private key, sealed.
    public var privateKey: SealedPrivateKey
    /// When it was made.
    public var createdAt: Date
    /// When it started signing.
    public var activatedAt: Date?
    /// When it stopped signing.
    public var retiredAt: Date?

    /// A key.
    public init(
        id: UUID, selector: String, algorithm: DKIMAlgorithm, status: DKIMKeyStatus, publicKey: String,
        privateKey: SealedPrivateKey, createdAt: Date, activatedAt: Date? = nil, retiredAt: Date? = nil
    ) {
        self.id = id
        self.selector = selector
        self.algorithm = algorithm
        self.status = status
        self.publicKey = publicKey
        self.privateKey = privateKey
        self.createdAt = createdAt
        self.activatedAt = activatedAt
        self.retiredAt = retiredAt
    }
}

/// What a DNS record is for; raw values are the contract's numbers.
public enum DNSRecordPurpose: Int16, Sendable {
    case dkim = 1, spf, dmarc, returnPath
}

/// The outcome of checking one record; raw values are the contract's numbers.
public enum DNSRecordCheckState: Int16, Sendable {
    case notChecked = 1, verified, missing, mismatched, lookupFailed
}

/// One record a domain's owner publishes, and the last check of it.
public struct DomainDNSRecord: Sendable, Equatable {
    /// What it is for.
    public var purpose: DNSRecordPurpose
    /// TXT, CNAME or MX.
    public var type: DNSRecordType
    /// The full name, without the trailing dot.
    public var name: String
    /// The name relative to the domain (`@` for the apex).
    public var host: String
    /// The value to publish.
    public var value: String
    /// The MX preference; 0 otherwise.
    public var priority: Int
    /// Whether the domain's verification needs it.
    public var required: Bool
    /// For DKIM, the key's row id.
    public var dkimKeyID: UUID?
    /// For DKIM, the selector.
    public var dkimSelector: String
    /// The last check's outcome.
    public var state: DNSRecordCheckState = .notChecked
    /// The values found.
    public var foundValues: [String] = []
    /// What the check found, in plain words.
    public var explanation: String = ""
    /// For SPF: the domain has an SPF record to add the include to.
    public var spfAddInclude = false
    /// For SPF: the mechanism that authorizes Relay.
    public var spfInclude = ""
    /// When it was last looked up.
    public var checkedAt: Date?

    /// A record to publish, not yet checked.
    public init(
        purpose: DNSRecordPurpose, type: DNSRecordType, name: String, host: String, value: String, priority: Int = 0,
        required: Bool, dkimKeyID: UUID? = nil, dkimSelector: String = ""
    ) {
        self.purpose = purpose
        self.type = type
        self.name = name
        self.host = host
        self.value = value
        self.priority = priority
        self.required = required
        self.dkimKeyID = dkimKeyID
        self.dkimSelector = dkimSelector
    }
}

/// A domain an organization sends from.
public struct SendingDomain: Sendable, Equatable {
    /// Its id.
    public var id: DomainID
    /// Its organization.
    public var organizationID: OrganizationID
    /// The name, lower case, A-label form.
    public var name: String
    /// Where its verification is.
    public var status: DomainStatus
    /// Why it is not verified, in plain words.
    public var statusDetail: String
    /// The envelope sender's domain.
    public var returnPathDomain: String
    /// Its DKIM keys (active, pending, retiring).
    public var keys: [DKIMKey]
    /// Its records and their last checks.
    public var records: [DomainDNSRecord]
    /// When it was registered.
    public var createdAt: Date
    /// When it last became verified.
    public var verifiedAt: Date?
    /// When its records were last checked.
    public var lastCheckedAt: Date?
    /// When Relay checks on its own next.
    public var nextCheckAt: Date?
    /// The first failing check of a verified domain.
    public var degradedSince: Date?

    /// A domain.
    public init(
        id: DomainID, organizationID: OrganizationID, name: String, status: DomainStatus, statusDetail: String,
        returnPathDomain: String, keys: [DKIMKey], records: [DomainDNSRecord], createdAt: Date, verifiedAt: Date? = nil,
        lastCheckedAt: Date? = nil, nextCheckAt: Date? = nil, degradedSince: Date? = nil
    ) {
        self.id = id
        self.organizationID = organizationID
        self.name = name
        self.status = status
        self.statusDetail = statusDetail
        self.returnPathDomain = returnPathDomain
        self.keys = keys
        self.records = records
        self.createdAt = createdAt
        self.verifiedAt = verifiedAt
        self.lastCheckedAt = lastCheckedAt
        self.nextCheckAt = nextCheckAt
        self.degradedSince = degradedSince
    }

    /// The key that signs new mail.
    public var activeKey: DKIMKey? { keys.first { $0.status == .active } }

    /// Whether Relay accepts mail from it at `now`: verified, or in the 72-hour grace of a
    /// temporary failure or degradation of a domain that was verified.
    public func sendingAllowed(at now: Date) -> Bool {
        switch status {
        case .verified: return true
        case .temporaryFailure, .degraded:
            guard verifiedAt != nil else { return false }
            return degradedSince.map { now.timeIntervalSince($0) < 72 * 3600 } ?? true
        case .pending, .failed: return false
        }
    }
}
