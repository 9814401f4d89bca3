import Foundation
import SitrepCore

extension ZoneClock {
    /// `Tue 2026-12-08 09:00 +01:00`: an instant on this wall clock with the offset in force, for chat and the
    /// command line.
    public func describe(_ instant: Timestamp) -> String {
        let wall = wallClock(at: instant)
        let date = LocalDate(dayNumber: wall.dayNumber)
        let seconds = wall.secondsIntoDay
        let time = TimeOfDay(hour: seconds / 3600, minute: seconds / 60 % 60) ?? .midnight
        let day = String(date.weekday.name.prefix(3)).capitalized
        let offset = Int(wall.seconds - instant.milliseconds.floorDivided(by: 1000))
        let sign = offset < 0 ? "-" : "+"
        let offsetText = TimeOfDay(hour: abs(offset) / 3600 % 24, minute: abs(offset) / 60 % 60).map { "\($0)" } ?? "?"
        return "\(day) \(date) \(time) \(sign)\(offsetText)"
    }

    /// The first instant after `instant` at which this wall clock reads `time` (today's if still ahead, else
    /// tomorrow's), for `until 09:00`.
    public func next(_ time: TimeOfDay, after instant: Timestamp) -> Timestamp {
        let now = wallClock(at: instant)
        var day = now.dayNumber
        while true {
            let candidate = self.instant(at: WallClock(date: LocalDate(dayNumber: day), time: time))
            if candidate > instant { return candidate }
            day += 1
        }
    }
}
