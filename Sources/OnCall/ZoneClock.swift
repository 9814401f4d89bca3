import Foundation
import SitrepCore

/// A local date and time with no zone: whole seconds since 1970-01-01 00:00 of a wall clock. Arithmetic on it is
/// wall-clock arithmetic ("tomorrow at 09:00"), which is what hand-offs and restrictions are written in.
public struct WallClock: Sendable, Hashable, Comparable {
    public var seconds: Int64

    public init(seconds: Int64) {
        self.seconds = seconds
    }

    /// `date` (a day of the proleptic Gregorian calendar) at `time`.
    public init(date: LocalDate, time: TimeOfDay = .midnight) {
        seconds = date.dayNumber * 86_400 + Int64(time.secondsSinceMidnight)
    }

    /// Days since 1970-01-01 (negative before), the day this wall-clock time falls on.
    public var dayNumber: Int64 { seconds.floorDivided(by: 86_400) }

    /// Seconds since the start of the day.
    public var secondsIntoDay: Int { Int(seconds - dayNumber * 86_400) }

    public static func < (lhs: WallClock, rhs: WallClock) -> Bool { lhs.seconds < rhs.seconds }

    public func adding(seconds delta: Int64) -> WallClock { WallClock(seconds: seconds + delta) }
}

/// Converts between instants and the wall clock of one IANA time zone, using Foundation's `TimeZone` for the
/// offsets. A wall-clock time that occurs twice (clocks go back) is the first of the two instants; one that does
/// not occur (clocks go forward) is the moment of the change, the first instant whose wall clock is past it.
public struct ZoneClock: Sendable, Hashable {
    public let zone: TimeZone

    public init(zone: TimeZone) {
        self.zone = zone
    }

    /// The wall-clock time at `instant`, to the whole second (rounded down).
    public func wallClock(at instant: Timestamp) -> WallClock {
        let whole = instant.milliseconds.floorDivided(by: 1000)
        return WallClock(seconds: whole + offset(atUTCSeconds: whole))
    }

    /// The instant the wall clock reads `wall` (see the type's rule for skipped and repeated times).
    public func instant(at wall: WallClock) -> Timestamp {
        let margin: Int64 = 2 * 86_400
        let offsetBefore = offset(atUTCSeconds: wall.seconds - margin)
        let offsetAfter = offset(atUTCSeconds: wall.seconds + margin)
        let candidates = Set([wall.seconds - offsetBefore, wall.seconds - offsetAfter])
            .filter { $0 + offset(atUTCSeconds: $0) == wall.seconds }
        if let first = candidates.min() { return Timestamp(milliseconds: first * 1000) }
        // Skipped: the change happens between the instant read with the later offset and the one read with the
        // earlier offset; the change itself is the first moment past `wall`.
        let before = Date(timeIntervalSince1970: Double(min(wall.seconds - offsetBefore, wall.seconds - offsetAfter)))
        if let change = zone.nextDaylightSavingTimeTransition(after: before) {
            return Timestamp(milliseconds: Int64(change.timeIntervalSince1970.rounded(.down)) * 1000)
        }
        return Timestamp(milliseconds: (wall.seconds - offsetBefore) * 1000)
    }

    private func offset(atUTCSeconds seconds: Int64) -> Int64 {
        Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(seconds))))
    }
}

extension Int64 {
    /// Division rounding towards negative infinity, for day numbers before 1970.
    func floorDivided(by divisor: Int64) -> Int64 {
        let quotient = self / divisor
        return (self % divisor != 0 && (self < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// The remainder of ``floorDivided(by:)``, never negative for a positive divisor.
    func floorModulo(_ divisor: Int64) -> Int64 { self - floorDivided(by: divisor) * divisor }
}
