import Foundation
import OnCall
import Testing

@Suite("ZoneClock: wall clock ↔ instant")
struct ZoneClockTests {
    let berlin = ZoneClock(zone: zone("Europe/Berlin"))

    @Test func anOrdinaryTimeIsItsOnlyInstant() {
        let wall = WallClock(date: LocalDate("2026-07-01")!, time: TimeOfDay("09:00")!)
        #expect(berlin.instant(at: wall) == instant("2026-07-01T07:00:00Z"))
        #expect(berlin.wallClock(at: instant("2026-07-01T07:00:00Z")) == wall)
    }

    @Test func aSkippedTimeIsTheMomentOfTheChange() {
        // 2026-03-29: 02:00 CET becomes 03:00 CEST; 02:30 never happens.
        let wall = WallClock(date: LocalDate("2026-03-29")!, time: TimeOfDay("02:30")!)
        #expect(berlin.instant(at: wall) == instant("2026-03-29T01:00:00Z"))
    }

    @Test func aRepeatedTimeIsTheFirstOfItsTwoInstants() {
        // 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:30 happens at 00:30Z and again at 01:30Z.
        let wall = WallClock(date: LocalDate("2026-10-25")!, time: TimeOfDay("02:30")!)
        #expect(berlin.instant(at: wall) == instant("2026-10-25T00:30:00Z"))
        #expect(berlin.wallClock(at: instant("2026-10-25T01:30:00Z")) == wall)
    }

    @Test func datesRoundTripThroughDayNumbers() {
        for dayNumber in Int64(-800_000)...Int64(-799_000) {
            #expect(LocalDate(dayNumber: dayNumber).dayNumber == dayNumber)
        }
        for dayNumber in Int64(19_000)...Int64(22_000) {
            #expect(LocalDate(dayNumber: dayNumber).dayNumber == dayNumber)
        }
        #expect(LocalDate("1970-01-01")!.dayNumber == 0)
        #expect(LocalDate("2026-12-07")!.weekday == .monday)
        #expect(LocalDate("2024-02-29") != nil)
        #expect(LocalDate("2026-02-29") == nil)
    }

    @Test(arguments: ["", "9", "24:00", "12:60", "12:5", "-1:00", "ab:cd", "12:00:00"])
    func badTimesOfDayAreRefused(_ text: String) {
        #expect(TimeOfDay(text) == nil)
    }

    @Test(arguments: ["", "h", "0d", "-1d", "1", "1m", "1.5h", "60w", "1 d"])
    func badIntervalsAreRefused(_ text: String) {
        #expect(HandoffInterval(text) == nil)
    }

    @Test func intervalsAndWeekdaysAreRead() {
        #expect(HandoffInterval("12h")?.seconds == 43_200)
        #expect(HandoffInterval("2w")?.seconds == 1_209_600)
        #expect(Weekday(name: "Sat") == .saturday)
        #expect(Weekday(name: "sunday") == .sunday)
        #expect(Weekday(name: "sonntag") == nil)
    }
}

@Suite("ZoneClock: text and next time of day")
struct ZoneClockTextTests {
    let berlin = ZoneClock(zone: zone("Europe/Berlin"))

    @Test func describesInstantsOnTheWallClockWithTheZone() {
        #expect(berlin.describe(instant("2026-12-08T08:00:00Z")) == "Tue 2026-12-08 09:00 +01:00")
        #expect(berlin.describe(instant("2026-07-01T07:30:00Z")) == "Wed 2026-07-01 09:30 +02:00")
        let newYork = ZoneClock(zone: zone("America/New_York"))
        #expect(newYork.describe(instant("2026-12-08T08:00:00Z")) == "Tue 2026-12-08 03:00 -05:00")
    }

    @Test func nextTimeOfDayIsTodayIfAheadElseTomorrow() {
        let nine = TimeOfDay("09:00")!
        #expect(berlin.next(nine, after: instant("2026-12-08T07:00:00+01:00")) == instant("2026-12-08T09:00:00+01:00"))
        #expect(berlin.next(nine, after: instant("2026-12-08T09:00:00+01:00")) == instant("2026-12-09T09:00:00+01:00"))
        // Across the spring change: 09:00 the next morning is 23 hours later.
        #expect(berlin.next(nine, after: instant("2026-03-28T09:30:00+01:00")) == instant("2026-03-29T09:00:00+02:00"))
    }
}
