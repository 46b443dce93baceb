// Codecs for the enums of Protos/relay/v1/key_service.proto.

/// `relay.v1.KeyScope`: what an API key may do.
public enum KeyScope: ProtoEnum {
    case unspecified  // 0
    case fullAccess  // 1
    case send  // 2
    case domains  // 3
    case templates  // 4
    case suppressions  // 5
    case analytics  // 6
    case readOnly  // 7
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .fullAccess
        case 2: self = .send
        case 3: self = .domains
        case 4: self = .templates
        case 5: self = .suppressions
        case 6: self = .analytics
        case 7: self = .readOnly
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .fullAccess: 1
        case .send: 2
        case .domains: 3
        case .templates: 4
        case .suppressions: 5
        case .analytics: 6
        case .readOnly: 7
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.ApiKeyState`: whether an API key can authenticate calls.
public enum ApiKeyState: ProtoEnum {
    case unspecified  // 0
    case active  // 1
    case expired  // 2
    case revoked  // 3
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .active
        case 2: self = .expired
        case 3: self = .revoked
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .active: 1
        case .expired: 2
        case .revoked: 3
        case .unrecognized(let value): value
        }
    }
}
