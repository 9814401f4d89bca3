/// When a layer is in force: a window that opens on each listed weekday at `from` and closes at `until` of the same
/// day, or of the next day when `until` is not after `from` (`22:00`–`06:00` on Friday covers Friday night until
/// Saturday morning; `09:00`–`09:00` is 24 hours). All on the schedule's wall clock.
public struct OnCallRestriction: Sendable, Hashable {
    /// The days a window opens on; all seven if written without days.
    public var days: Set<Weekday>
    public var from: TimeOfDay
    public var until: TimeOfDay

    public init(days: Set<Weekday> = Set(Weekday.allCases), from: TimeOfDay, until: TimeOfDay) {
        self.days = days
        self.from = from
        self.until = until
    }

    /// The window opened on the day `dayNumber`, if that day is listed: [open, close) on the wall clock.
    func window(openingOn dayNumber: Int64) -> Range<WallClock>? {
        guard days.contains(Weekday.of(dayNumber: dayNumber)) else { return nil }
        let open = WallClock(seconds: dayNumber * 86_400 + Int64(from.secondsSinceMidnight))
        let closeDay = until > from ? dayNumber : dayNumber + 1
        let close = WallClock(seconds: closeDay * 86_400 + Int64(until.secondsSinceMidnight))
        return open..<close
    }

    /// Whether the wall-clock time `wall` is inside one of the windows.
    func contains(_ wall: WallClock) -> Bool {
        [wall.dayNumber - 1, wall.dayNumber].contains { window(openingOn: $0)?.contains(wall) ?? false }
    }
}
