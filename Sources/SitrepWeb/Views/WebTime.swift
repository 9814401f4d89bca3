import Foundation
import SitrepCore

/// How the web side writes times: ISO 8601 in UTC for machines (`2026-11-22T18:00:00.123Z`, the JSON API and
/// `<time datetime>`), `2026-11-22 18:00 UTC` and coarse ages (`3d 4h`, `2h 5m`, `45s`) for people.
public enum WebTime {
    /// The wall clock, the server's default.
    @Sendable public static func now() -> Timestamp {
        Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
    }

    public static func iso(_ time: Timestamp) -> String { time.description }

    /// `2026-11-22 18:00 UTC`.
    public static func display(_ time: Timestamp) -> String {
        let civil = CivilTime(time)
        return "\(civil.iso8601.prefix(10)) \(civil.clock.prefix(5)) UTC"
    }

    /// `2026-11-22 18:00:05`, for transcript lines.
    public static func displaySeconds(_ time: Timestamp) -> String {
        let civil = CivilTime(time)
        return "\(civil.iso8601.prefix(10)) \(civil.clock)"
    }

    /// The two largest units of `duration`: `3d 4h`, `2h 5m`, `5m 3s`, `45s`.
    public static func age(_ duration: Duration) -> String {
        let total = max(0, duration.components.seconds)
        let units: [(Int64, String)] = [(86_400, "d"), (3_600, "h"), (60, "m"), (1, "s")]
        guard let first = units.firstIndex(where: { total >= $0.0 }) else { return "0s" }
        let (size, name) = units[first]
        var text = "\(total / size)\(name)"
        if first + 1 < units.count {
            let (smaller, smallerName) = units[first + 1]
            let rest = total % size / smaller
            if rest > 0 { text += " \(rest)\(smallerName)" }
        }
        return text
    }

    /// Whole seconds from `from` to `to`, never negative.
    static func seconds(from: Timestamp, to: Timestamp) -> Int64 {
        max(0, (to.milliseconds - from.milliseconds) / 1000)
    }
}
