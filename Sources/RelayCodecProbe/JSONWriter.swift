/// A minimal JSON text builder for the probe's one-line dumps (no Foundation).
struct JSONWriter {
    /// The text written so far.
    private(set) var text = ""

    /// Appends `s` as a JSON string: `"` and `\` escaped, control characters as `\uXXXX`.
    mutating func string(_ s: String) {
        text.append("\"")
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: false)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text.append("\"")
    }

    /// Appends an integer in decimal.
    mutating func integer<I: BinaryInteger>(_ value: I) { text += String(value) }

    /// Appends a double in the shortest form that reads back as the same double. JSON has no
    /// NaN or infinities; they are written `NaN`, `Infinity`, `-Infinity`, as Python's json reads them.
    mutating func double(_ value: Double) {
        if value.isNaN {
            text += "NaN"
        } else if value.isInfinite {
            text += value < 0 ? "-Infinity" : "Infinity"
        } else {
            text += value.description
        }
    }

    /// Appends `true` or `false`.
    mutating func bool(_ value: Bool) { text += value ? "true" : "false" }

    /// Appends raw JSON text (punctuation or an already-encoded value).
    mutating func raw(_ s: String) { text += s }
}
