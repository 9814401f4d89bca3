import Foundation
import IncidentRuntime
import OnCall
import SitrepCore
import Testing

/// What `sitrep oncall` prints, and how it reads `--at`.
@Suite struct OnCallListingTests {
    let schedule = OnCallSchedule(
        name: "ops", zone: TimeZone(identifier: "Europe/Berlin")!,
        layers: [
            OnCallLayer(
                name: "weekly", people: [.account("alice"), .nick("bob_")], interval: HandoffInterval("1w")!,
                start: WallClock(date: LocalDate("2026-03-23")!, time: TimeOfDay("09:00")!),
                restrictions: [OnCallRestriction(days: [.monday], from: TimeOfDay("09:00")!, until: TimeOfDay("09:00")!)])
        ])

    @Test func shiftsArePrintedOnTheScheduleClockWithGaps() throws {
        let from = try #require(OnCallListing.instant("2026-03-30", clock: schedule.clock))
        #expect(from == Timestamp(milliseconds: 1_774_821_600_000), "midnight in Berlin, CEST")
        let to = try #require(OnCallListing.instant("2026-03-31T12:00:00Z", clock: schedule.clock))
        let text = OnCallListing.text(schedule, shifts: schedule.shifts(from: from, to: to))
        #expect(
            text == """
                ops (Europe/Berlin)
                  Mon 2026-03-30 00:00 +02:00 → Mon 2026-03-30 09:00 +02:00  (nobody)
                  Mon 2026-03-30 09:00 +02:00 → Tue 2026-03-31 09:00 +02:00  nick:bob_         layer weekly
                  Tue 2026-03-31 09:00 +02:00 → Tue 2026-03-31 14:00 +02:00  (nobody)

                """)
    }

    @Test(arguments: ["tomorrow", "2026-13-01", "2026-03-30T25:00:00Z", ""])
    func badTimesAreRefused(_ text: String) {
        #expect(OnCallListing.instant(text, clock: schedule.clock) == nil)
    }
}
