// Codecs for the enums of Protos/relay/v1/inbound_service.proto.

/// `relay.v1.RouteDestination`: where a route delivers the messages it matches.
public enum RouteDestination: ProtoEnum {
    case unspecified  // 0
    case helpdeskTicket  // 1
    case crmActivity  // 2
    case portalReply  // 3
    case webhook  // 4
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .helpdeskTicket
        case 2: self = .crmActivity
        case 3: self = .portalReply
        case 4: self = .webhook
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .helpdeskTicket: 1
        case .crmActivity: 2
        case .portalReply: 3
        case .webhook: 4
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.SpamHandling`: what a route does with a message the spam filter flags.
public enum SpamHandling: ProtoEnum {
    case unspecified  // 0
    case deliver  // 1
    case quarantine  // 2
    case drop  // 3
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .deliver
        case 2: self = .quarantine
        case 3: self = .drop
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .deliver: 1
        case .quarantine: 2
        case .drop: 3
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.SpamVerdict`: the spam filter's judgement of an inbound message.
public enum SpamVerdict: ProtoEnum {
    case unspecified  // 0
    case clean  // 1
    case suspect  // 2
    case spam  // 3
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .clean
        case 2: self = .suspect
        case 3: self = .spam
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .clean: 1
        case .suspect: 2
        case .spam: 3
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.AuthenticationResult`: the result of an SPF, DKIM or DMARC check (RFC 8601).
public enum AuthenticationResult: ProtoEnum {
    case unspecified  // 0
    case none  // 1
    case pass  // 2
    case fail  // 3
    case softfail  // 4
    case neutral  // 5
    case temperror  // 6
    case permerror  // 7
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .none
        case 2: self = .pass
        case 3: self = .fail
        case 4: self = .softfail
        case 5: self = .neutral
        case 6: self = .temperror
        case 7: self = .permerror
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .none: 1
        case .pass: 2
        case .fail: 3
        case .softfail: 4
        case .neutral: 5
        case .temperror: 6
        case .permerror: 7
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.InboundDeliveryState`: where an inbound message is in its hand-over to the destination.
public enum InboundDeliveryState: ProtoEnum {
    case unspecified  // 0
    case pending  // 1
    case delivered  // 2
    case retrying  // 3
    case failed  // 4
    case quarantined  // 5
    case dropped  // 6
    case unrouted  // 7
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .pending
        case 2: self = .delivered
        case 3: self = .retrying
        case 4: self = .failed
        case 5: self = .quarantined
        case 6: self = .dropped
        case 7: self = .unrouted
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .pending: 1
        case .delivered: 2
        case .retrying: 3
        case .failed: 4
        case .quarantined: 5
        case .dropped: 6
        case .unrouted: 7
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.InboundMessageView`: how much of an inbound message a response carries.
public enum InboundMessageView: ProtoEnum {
    case unspecified  // 0
    case basic  // 1
    case full  // 2
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .basic
        case 2: self = .full
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .basic: 1
        case .full: 2
        case .unrecognized(let value): value
        }
    }
}
