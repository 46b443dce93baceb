// Codecs for the enums of Protos/relay/v1/domain_service.proto.

/// `relay.v1.DomainStatus`: where a domain is in its verification.
public enum DomainStatus: ProtoEnum {
    case unspecified  // 0
    case pending  // 1
    case verified  // 2
    case failed  // 3
    case temporaryFailure  // 4
    case degraded  // 5
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .pending
        case 2: self = .verified
        case 3: self = .failed
        case 4: self = .temporaryFailure
        case 5: self = .degraded
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .pending: 1
        case .verified: 2
        case .failed: 3
        case .temporaryFailure: 4
        case .degraded: 5
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.DkimKeyAlgorithm`: the algorithm of a DKIM signing key.
public enum DkimKeyAlgorithm: ProtoEnum {
    case unspecified  // 0
    case rsa2048  // 1
    case ed25519  // 2
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .rsa2048
        case 2: self = .ed25519
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .rsa2048: 1
        case .ed25519: 2
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.DnsRecordPurpose`: what a DNS record is for.
public enum DnsRecordPurpose: ProtoEnum {
    case unspecified  // 0
    case dkim  // 1
    case spf  // 2
    case dmarc  // 3
    case returnPath  // 4
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .dkim
        case 2: self = .spf
        case 3: self = .dmarc
        case 4: self = .returnPath
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .dkim: 1
        case .spf: 2
        case .dmarc: 3
        case .returnPath: 4
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.DnsRecordType`: the type of a DNS record.
public enum DnsRecordType: ProtoEnum {
    case unspecified  // 0
    case txt  // 1
    case cname  // 2
    case mx  // 3
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .txt
        case 2: self = .cname
        case 3: self = .mx
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .txt: 1
        case .cname: 2
        case .mx: 3
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.DnsRecordCheckState`: the outcome of checking one DNS record.
public enum DnsRecordCheckState: ProtoEnum {
    case unspecified  // 0
    case notChecked  // 1
    case verified  // 2
    case missing  // 3
    case mismatched  // 4
    case lookupFailed  // 5
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .notChecked
        case 2: self = .verified
        case 3: self = .missing
        case 4: self = .mismatched
        case 5: self = .lookupFailed
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .notChecked: 1
        case .verified: 2
        case .missing: 3
        case .mismatched: 4
        case .lookupFailed: 5
        case .unrecognized(let value): value
        }
    }
}
