/// One of the four fixed windows calls are counted in.
public enum RateWindow: Int, CaseIterable, Sendable, Hashable {
    /// One second.
    case second = 1
    /// One minute.
    case minute = 60
    /// One hour.
    case hour = 3600
    /// One day (24 hours, aligned to midnight UTC).
    case day = 86400

    /// The window's length in seconds.
    public var seconds: Int { rawValue }
    /// The window's name in statuses (`second`, `minute`, `hour`, `day`).
    public var name: String {
        switch self {
        case .second: "second"
        case .minute: "minute"
        case .hour: "hour"
        case .day: "day"
        }
    }
}

/// Calls allowed per window; `nil` for a window means "not set here" (a default applies).
public struct RateLimits: Sendable, Hashable {
    /// Calls per second.
    public var perSecond: Int64?
    /// Calls per minute.
    public var perMinute: Int64?
    /// Calls per hour.
    public var perHour: Int64?
    /// Calls per day.
    public var perDay: Int64?

    /// Limits with the given windows set.
    public init(perSecond: Int64? = nil, perMinute: Int64? = nil, perHour: Int64? = nil, perDay: Int64? = nil) {
        self.perSecond = perSecond
        self.perMinute = perMinute
        self.perHour = perHour
        self.perDay = perDay
    }

    /// The limit of one window.
    public subscript(window: RateWindow) -> Int64? {
        get {
            switch window {
            case .second: perSecond
            case .minute: perMinute
            case .hour: perHour
            case .day: perDay
            }
        }
        set {
            switch window {
            case .second: perSecond = newValue
            case .minute: perMinute = newValue
            case .hour: perHour = newValue
            case .day: perDay = newValue
            }
        }
    }

    /// These limits, with every unset window taken from `defaults`.
    public func filled(from defaults: RateLimits) -> RateLimits {
        var result = self
        for window in RateWindow.allCases where result[window] == nil { result[window] = defaults[window] }
        return result
    }
}
