import Foundation
import OnCall
import SitrepCore

/// The text `sitrep oncall` prints: each schedule's shifts over a period, on the schedule's own wall clock.
public enum OnCallListing {
    /// A heading line with the schedule's zone, then one line per shift: start, end, who, and from where.
    public static func text(_ schedule: OnCallSchedule, shifts: [OnCallShift]) -> String {
        var lines = ["\(schedule.name) (\(schedule.zoneName))"]
        if shifts.isEmpty { lines.append("  no shifts") }
        for shift in shifts {
            let who = shift.person.map { $0.isAuthenticated ? $0.name : "nick:\($0.name)" } ?? "(nobody)"
            let padded = who.count < 16 ? who + String(repeating: " ", count: 16 - who.count) : who
            let whoAndSource = shift.person == nil ? who : "\(padded)  \(shift.source)"
            lines.append(
                "  \(schedule.clock.describe(shift.start)) → \(schedule.clock.describe(shift.end))  \(whoAndSource)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads `--at`: an ISO 8601 instant with its offset (`2026-12-08T09:00:00+01:00`, `…Z`), or a date
    /// (`2026-12-08`) meaning its midnight on `clock`. Nil for anything else.
    public static func instant(_ text: String, clock: ZoneClock) -> Timestamp? {
        if let date = LocalDate(text) { return clock.instant(at: WallClock(date: date)) }
        let formatter = ISO8601DateFormatter()
        guard let date = formatter.date(from: text) else { return nil }
        return Timestamp(milliseconds: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
