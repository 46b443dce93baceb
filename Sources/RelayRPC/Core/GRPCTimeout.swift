/// The `grpc-timeout` header: at most eight ASCII digits and a unit
/// (`H` hours, `M` minutes, `S` seconds, `m` milliseconds, `u` microseconds, `n` nanoseconds).
public struct GRPCTimeout: Sendable, Equatable {
    /// The timeout in nanoseconds (saturating at `Int64.max`).
    public let nanoseconds: Int64

    /// Creates a timeout of `nanoseconds`.
    public init(nanoseconds: Int64) { self.nanoseconds = max(0, nanoseconds) }

    /// The timeout as a Swift duration.
    public var duration: Duration { .nanoseconds(nanoseconds) }

    /// Parses a header value; nil when it is not of the form the spec allows.
    public init?(headerValue: some StringProtocol) {
        let utf8 = Array(headerValue.utf8)
        guard utf8.count >= 2, utf8.count <= 9, let unit = utf8.last else { return nil }
        var value: Int64 = 0
        for digit in utf8.dropLast() {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int64(digit - UInt8(ascii: "0"))
        }
        let perUnit: Int64
        switch unit {
        case UInt8(ascii: "H"): perUnit = 3_600_000_000_000
        case UInt8(ascii: "M"): perUnit = 60_000_000_000
        case UInt8(ascii: "S"): perUnit = 1_000_000_000
        case UInt8(ascii: "m"): perUnit = 1_000_000
        case UInt8(ascii: "u"): perUnit = 1_000
        case UInt8(ascii: "n"): perUnit = 1
        default: return nil
        }
        let (product, overflow) = value.multipliedReportingOverflow(by: perUnit)
        self.init(nanoseconds: overflow ? Int64.max : product)
    }

    /// The shortest exact header value with at most eight digits (coarsening only when it must).
    public var headerValue: String {
        let units: [(Int64, String)] = [
            (1, "n"), (1_000, "u"), (1_000_000, "m"), (1_000_000_000, "S"), (60_000_000_000, "M"),
            (3_600_000_000_000, "H"),
        ]
        for (perUnit, suffix) in units.reversed() {
            if nanoseconds % perUnit == 0, nanoseconds / perUnit <= 99_999_999 {
                return "\(nanoseconds / perUnit)\(suffix)"
            }
        }
        // Not exact in any unit within eight digits: round up in the finest unit that fits.
        for (perUnit, suffix) in units {
            let value = (nanoseconds + perUnit - 1) / perUnit
            if value <= 99_999_999 { return "\(value)\(suffix)" }
        }
        return "99999999H"
    }
}
