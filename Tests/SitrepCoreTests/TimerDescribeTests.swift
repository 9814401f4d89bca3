import SitrepCore
import Testing

@Suite struct TimerDescribeTests {
    typealias T = TimerFixtures

    @Test func eachTimerIsOneLineWithWhenAndWhat() {
        let timers = [
            IncidentTimer(incidentID: 4, kind: .reminder, key: "1", due: T.at(minutes: 20), text: "check the lag"),
            IncidentTimer(
                incidentID: 4, kind: .escalation, key: "tier-2", due: T.at(minutes: 34), text: "alice, team dba"),
            IncidentTimer(incidentID: 4, kind: .sla, key: "response-warning", due: T.at(minutes: 12)),
            IncidentTimer(incidentID: 4, kind: .quietCommander, key: "backup-1", due: T.at(minutes: 29), text: "carol"),
        ]
        #expect(
            TimerPlanner.describe(timers, now: T.at(minutes: 29, seconds: 50)) == [
                "overdue by 17m 50s (08:12:00 UTC): SLA response warning",
                "overdue by 9m 50s (08:20:00 UTC): reminder: check the lag",
                "overdue by 50s (08:29:00 UTC): page backup commander (carol)",
                "in 4m 10s (08:34:00 UTC): page tier 2 (alice, team dba)",
            ]
        )
    }

    @Test func aTimerDueAnotherDayShowsTheDate() {
        let timer = IncidentTimer(incidentID: 4, kind: .updateDue, key: "x-1", due: T.at(minutes: 24 * 60))
        #expect(
            TimerPlanner.describe([timer], now: T.t0)
                == ["in 24h (2027-01-16 08:00:00 UTC): update reminder"]
        )
    }

    @Test func atMostTenLinesThenHowManyMore() {
        let timers = (1...13).map {
            IncidentTimer(incidentID: 4, kind: .reminder, key: "\($0)", due: T.at(minutes: Int64($0)), text: "r\($0)")
        }
        let lines = TimerPlanner.describe(timers, now: T.t0)
        #expect(lines.count == 11)
        #expect(lines.first == "in 1m (08:01:00 UTC): reminder: r1")
        #expect(lines.last == "… and 3 more")
        #expect(TimerPlanner.describe([], now: T.t0) == ["no timers pending"])
    }

    @Test func reminderTextIsSanitised() {
        let timer = IncidentTimer(incidentID: 4, kind: .reminder, key: "1", due: T.at(minutes: 1), text: "a\r\nQUIT :x")
        #expect(TimerPlanner.describe([timer], now: T.t0) == ["in 1m (08:01:00 UTC): reminder: a QUIT :x"])
    }
}
