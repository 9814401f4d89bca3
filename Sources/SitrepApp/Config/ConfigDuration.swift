/// Parses the durations written in the config file: a non-negative number with an optional unit,
/// `500ms`, `1s`, `2m`, `1h`, `1d`, or a bare number meaning seconds (`30`, `1.5`).
public enum ConfigDuration {
    /// The accepted forms, for error messages.
    public static let expectedForm = "a duration like 500ms, 1s, 2m, 1h, 1d or a number of seconds"

    /// The duration `text` denotes, or `nil` if it is not one of the accepted forms or is too large.
    public static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingWhitespace()
        let number = String(trimmed.prefix { $0.isASCII && ($0.isNumber || $0 == ".") })
        let unit = trimmed.dropFirst(number.count).trimmingWhitespace()
        guard let nanosecondsPerUnit = unitNanoseconds[unit] else { return nil }
        return duration(number, nanosecondsPerUnit: nanosecondsPerUnit)
    }

    private static let unitNanoseconds: [String: Int64] = [
        "ms": 1_000_000, "": 1_000_000_000, "s": 1_000_000_000, "m": 60_000_000_000,
        "h": 3_600_000_000_000, "d": 86_400_000_000_000,
    ]

    private static func duration(_ number: String, nanosecondsPerUnit: Int64) -> Duration? {
        let parts = number.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty, let wholeValue = Int64(whole) else {
            return nil
        }
        let (wholeNanos, overflow) = wholeValue.multipliedReportingOverflow(by: nanosecondsPerUnit)
        guard !overflow else { return nil }
        var fractionNanos: Int64 = 0
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, let fractionValue = Double("0." + fraction) else { return nil }
            fractionNanos = Int64((fractionValue * Double(nanosecondsPerUnit)).rounded())
        }
        let (total, overflow2) = wholeNanos.addingReportingOverflow(fractionNanos)
        return overflow2 ? nil : .nanoseconds(total)
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars.drop { $0.properties.isWhitespace }
        var trimmed = String(String.UnicodeScalarView(scalars))
        while let last = trimmed.unicodeScalars.last, last.properties.isWhitespace {
            trimmed.unicodeScalars.removeLast()
        }
        return trimmed
    }
}
