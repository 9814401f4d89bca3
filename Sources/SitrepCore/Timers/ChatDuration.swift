/// Durations typed in chat (`/remind 15m …`, `/snooze 1h30m`): whole numbers with units, largest first.
///
/// | text     | duration       |
/// |----------|----------------|
/// | `90s`    | 1 min 30 s     |
/// | `15m`    | 15 min         |
/// | `2h`     | 2 h            |
/// | `1h30m`  | 1 h 30 min     |
/// | `1d`     | 24 h           |
///
/// Units `d`, `h`, `m`, `s` (case-insensitive), each at most once and in that order; no spaces, no fractions,
/// no bare numbers (is `15` minutes or seconds?). Bounded to `minimum`…`maximum` (1 s…7 d).
public enum ChatDuration {
    public static let minimum: Duration = .seconds(1)
    public static let maximum: Duration = .seconds(7 * 86_400)

    /// Why a typed duration was rejected; `description` is the reply's problem part.
    public enum ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        /// Not of the form `1h30m`.
        case malformed(String)
        case tooShort
        case tooLong

        public var description: String {
            switch self {
            case .empty: "give a duration like 15m, 2h or 1h30m"
            case .malformed(let text):
                "not a duration: \(ChatText.oneLine(text, limit: 40)) (write 90s, 15m, 2h, 1h30m or 1d)"
            case .tooShort: "the duration must be at least 1s"
            case .tooLong: "the duration must be at most 7d"
            }
        }
    }

    private static let units: [(Character, Int64)] = [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]

    /// The duration `text` denotes, whole seconds.
    public static func parse(_ text: some StringProtocol) -> Result<Duration, ParseError> {
        let text = String(text)
        guard !text.isEmpty else { return .failure(.empty) }
        var seconds: Int64 = 0
        var number: Int64?
        var nextUnit = 0
        for character in text.lowercased() {
            if let digit = character.wholeNumberValue, character.isASCII {
                let value = (number ?? 0) * 10 + Int64(digit)
                guard value <= 1_000_000_000 else { return .failure(.tooLong) }
                number = value
                continue
            }
            guard let value = number,
                let index = units[nextUnit...].firstIndex(where: { $0.0 == character })
            else { return .failure(.malformed(text)) }
            seconds += value * units[index].1
            number = nil
            nextUnit = index + 1
        }
        guard number == nil, nextUnit > 0 else { return .failure(.malformed(text)) }
        let duration = Duration.seconds(seconds)
        if duration < minimum { return .failure(.tooShort) }
        if duration > maximum { return .failure(.tooLong) }
        return .success(duration)
    }

    /// `15m`, `1h30m`, `1d2h`, `45s`, `0s`: the compact form `parse` reads back (whole seconds, rounded down).
    public static func format(_ duration: Duration) -> String {
        var rest = max(0, duration.components.seconds)
        var text = ""
        for (unit, size) in units where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text.isEmpty ? "0s" : text
    }
}
