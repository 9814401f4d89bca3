/// A wall-clock instant in milliseconds since the Unix epoch (UTC): what the timeline, the store and the reports
/// use. Taken from IRCv3 server-time when the server offers it, else from the receive time.
public struct Timestamp: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var milliseconds: Int64

    public init(milliseconds: Int64) {
        self.milliseconds = milliseconds
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.milliseconds < rhs.milliseconds
    }

    public func adding(_ duration: Duration) -> Timestamp {
        Timestamp(milliseconds: milliseconds + duration.milliseconds)
    }

    /// The time from `self` to `later`.
    public func duration(to later: Timestamp) -> Duration {
        .milliseconds(later.milliseconds - milliseconds)
    }

    /// ISO 8601 in UTC with milliseconds, e.g. `2026-11-22T18:00:00.123Z`.
    public var description: String { CivilTime(self).iso8601 }
}

/// Calendar fields of a `Timestamp` in UTC (proleptic Gregorian), computed without Foundation.
public struct CivilTime: Sendable, Equatable {
    public var year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int

    public init(_ timestamp: Timestamp) {
        let (days, msOfDayWide) = CivilCalendar.floorDivide(timestamp.milliseconds, 86_400_000)
        let msOfDay = Int(msOfDayWide)
        let (year, month, day) = CivilCalendar.civilFromDays(days)
        (self.year, self.month, self.day) = (Int(year), Int(month), Int(day))
        hour = msOfDay / 3_600_000
        minute = msOfDay / 60_000 % 60
        second = msOfDay / 1000 % 60
        millisecond = msOfDay % 1000
    }

    public var iso8601: String {
        "\(pad(year, 4))-\(pad(month))-\(pad(day))T\(pad(hour)):\(pad(minute)):\(pad(second)).\(pad(millisecond, 3))Z"
    }

    /// `HH:MM:SS`, for chat replies and gap entries.
    public var clock: String { "\(pad(hour)):\(pad(minute)):\(pad(second))" }

    private func pad(_ value: Int, _ width: Int = 2) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
