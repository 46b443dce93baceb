// Codecs for the enums of Protos/relay/v1/analytics_service.proto.

/// `relay.v1.StatsGranularity`: the width of the time buckets of a statistics series.
public enum StatsGranularity: ProtoEnum {
    case unspecified  // 0
    case hour  // 1
    case day  // 2
    case week  // 3
    case month  // 4
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .hour
        case 2: self = .day
        case 3: self = .week
        case 4: self = .month
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .hour: 1
        case .day: 2
        case .week: 3
        case .month: 4
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.StatsGroupBy`: how statistics are split into series.
public enum StatsGroupBy: ProtoEnum {
    case unspecified  // 0
    case none  // 1
    case domain  // 2
    case tag  // 3
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .none
        case 2: self = .domain
        case 3: self = .tag
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .none: 1
        case .domain: 2
        case .tag: 3
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.ComplianceState`: where a sender stands against the bounce and complaint thresholds.
public enum ComplianceState: ProtoEnum {
    case unspecified  // 0
    case healthy  // 1
    case warning  // 2
    case atRisk  // 3
    case suspended  // 4
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .healthy
        case 2: self = .warning
        case 3: self = .atRisk
        case 4: self = .suspended
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .healthy: 1
        case .warning: 2
        case .atRisk: 3
        case .suspended: 4
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.AlertMetric`: the metric an alert rule watches.
public enum AlertMetric: ProtoEnum {
    case unspecified  // 0
    case bounceRate  // 1
    case complaintRate  // 2
    case deliveryRate  // 3
    case deferralRate  // 4
    case sendVolume  // 5
    case failureRate  // 6
    case openRate  // 7
    case clickRate  // 8
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .bounceRate
        case 2: self = .complaintRate
        case 3: self = .deliveryRate
        case 4: self = .deferralRate
        case 5: self = .sendVolume
        case 6: self = .failureRate
        case 7: self = .openRate
        case 8: self = .clickRate
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .bounceRate: 1
        case .complaintRate: 2
        case .deliveryRate: 3
        case .deferralRate: 4
        case .sendVolume: 5
        case .failureRate: 6
        case .openRate: 7
        case .clickRate: 8
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.AlertComparison`: how an alert rule compares its metric with its threshold.
public enum AlertComparison: ProtoEnum {
    case unspecified  // 0
    case above  // 1
    case below  // 2
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .above
        case 2: self = .below
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .above: 1
        case .below: 2
        case .unrecognized(let value): value
        }
    }
}

/// `relay.v1.AlertRuleState`: the evaluation state of an alert rule.
public enum AlertRuleState: ProtoEnum {
    case unspecified  // 0
    case ok  // 1
    case triggered  // 2
    case insufficientData  // 3
    case disabled  // 4
    /// A number this version of the code does not know.
    case unrecognized(Int32)

    public init(rawValue: Int32) {
        switch rawValue {
        case 0: self = .unspecified
        case 1: self = .ok
        case 2: self = .triggered
        case 3: self = .insufficientData
        case 4: self = .disabled
        default: self = .unrecognized(rawValue)
        }
    }

    public var rawValue: Int32 {
        switch self {
        case .unspecified: 0
        case .ok: 1
        case .triggered: 2
        case .insufficientData: 3
        case .disabled: 4
        case .unrecognized(let value): value
        }
    }
}
