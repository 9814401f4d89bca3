import Foundation
import OnCall
import SitrepCore
import Testing

@Suite("OnCallSchedule: rotations")
struct OnCallRotationTests {
    @Test func dailyHandoffAtMidnight() {
        let schedule = OnCallSchedule(
            name: "ops", zone: zone("Europe/Berlin"),
            layers: [layer([alice, bob, carol], every: "1d", from: "2026-01-05")])
        #expect(schedule.onCall(at: instant("2026-01-05T00:00:00+01:00")).person == alice)
        #expect(schedule.onCall(at: instant("2026-01-05T23:59:59+01:00")).person == alice)
        #expect(schedule.onCall(at: instant("2026-01-06T00:00:00+01:00")).person == bob)
        #expect(schedule.onCall(at: instant("2026-01-07T12:00:00+01:00")).person == carol)
        #expect(schedule.onCall(at: instant("2026-01-08T00:00:00+01:00")).person == alice)
        let handoff = schedule.nextHandoff(after: instant("2026-01-05T13:00:00+01:00"))
        #expect(handoff?.at == instant("2026-01-06T00:00:00+01:00"))
        #expect(handoff?.from.person == alice)
        #expect(handoff?.to.person == bob)
    }

    @Test func turnsContinueBeforeTheStart() {
        let schedule = OnCallSchedule(
            name: "ops", zone: zone("UTC"), layers: [layer([alice, bob, carol], every: "1d", from: "2026-01-05")])
        #expect(schedule.onCall(at: instant("2026-01-04T12:00:00Z")).person == carol)
        #expect(schedule.onCall(at: instant("2026-01-03T12:00:00Z")).person == bob)
        #expect(schedule.onCall(at: instant("1999-12-31T23:00:00Z")).person != nil)
    }

    @Test func weeklyRotationAcrossTheBerlinSpringChange() {
        // Monday 09:00 hand-offs; 2026-03-29 (Sunday) clocks go 02:00 CET → 03:00 CEST.
        let schedule = OnCallSchedule(
            name: "ops", zone: zone("Europe/Berlin"),
            layers: [layer([alice, bob], every: "1w", from: "2026-03-23", at: "09:00")])
        let shifts = schedule.shifts(from: instant("2026-03-23T08:00:00Z"), to: instant("2026-04-06T07:00:00Z"))
        #expect(shifts.map(\.person) == [alice, bob])
        #expect(shifts[0].start == instant("2026-03-23T09:00:00+01:00"))
        #expect(shifts[0].end == instant("2026-03-30T09:00:00+02:00"))
        #expect(shifts[0].start.duration(to: shifts[0].end) == .seconds(7 * 86_400 - 3600))
        #expect(shifts[1].end == instant("2026-04-06T09:00:00+02:00"))
    }

    @Test func dailyShiftsAreAnHourShorterAndLongerOnBerlinChangeDays() {
        let schedule = OnCallSchedule(
            name: "ops", zone: zone("Europe/Berlin"),
            layers: [layer([alice, bob], every: "1d", from: "2026-01-01", at: "00:00")])
        let spring = schedule.shifts(from: instant("2026-03-29T00:00:00+01:00"), to: instant("2026-03-30T00:00:00+02:00"))
        #expect(spring.count == 1)
        #expect(spring[0].start.duration(to: spring[0].end) == .seconds(23 * 3600))
        let autumn = schedule.shifts(from: instant("2026-10-25T00:00:00+02:00"), to: instant("2026-10-26T00:00:00+01:00"))
        #expect(autumn.count == 1)
        #expect(autumn[0].start.duration(to: autumn[0].end) == .seconds(25 * 3600))
        #expect(spring[0].person != schedule.onCall(at: instant("2026-03-30T00:00:00+02:00")).person)
    }

    @Test func aHandoffInTheSkippedHourHappensAtTheChange() {
        let schedule = OnCallSchedule(
            name: "ops", zone: zone("Europe/Berlin"),
            layers: [layer([alice, bob], every: "1d", from: "2026-03-01", at: "02:30")])
        let handoff = schedule.nextHandoff(after: instant("2026-03-28T12:00:00Z"))
        #expect(handoff?.at == instant("2026-03-29T03:00:00+02:00"))
        // Back to 02:30 the next day.
        let next = schedule.nextHandoff(after: instant("2026-03-29T12:00:00Z"))
        #expect(next?.at == instant("2026-03-30T02:30:00+02:00"))
    }

    @Test func aHandoffInTheRepeatedHourHappensTheFirstTime() {
        let schedule = OnCallSchedule(
            name: "ops", zone: zone("Europe/Berlin"),
            layers: [layer([alice, bob], every: "1d", from: "2026-10-01", at: "02:30")])
        let handoff = schedule.nextHandoff(after: instant("2026-10-24T12:00:00Z"))
        #expect(handoff?.at == instant("2026-10-25T02:30:00+02:00"))
        // No second hand-off when 02:30 comes round again an hour later.
        #expect(
            schedule.onCall(at: instant("2026-10-25T02:45:00+01:00")).person
                == schedule.onCall(at: instant("2026-10-25T02:35:00+02:00")).person)
    }

    @Test func weeklyRotationAcrossBothSydneyChanges() {
        // 2026-04-05 03:00 AEDT → 02:00 AEST; 2026-10-04 02:00 AEST → 03:00 AEDT. Monday 09:00 hand-offs.
        let schedule = OnCallSchedule(
            name: "ops", zone: zone("Australia/Sydney"),
            layers: [layer([alice, bob, carol], every: "1w", from: "2026-03-30", at: "09:00")])
        let april = schedule.shifts(from: instant("2026-03-30T09:00:00+11:00"), to: instant("2026-04-13T09:00:00+10:00"))
        #expect(april.map(\.person) == [alice, bob])
        #expect(april[0].end == instant("2026-04-06T09:00:00+10:00"))
        #expect(april[0].start.duration(to: april[0].end) == .seconds(7 * 86_400 + 3600))
        let october = schedule.nextHandoff(after: instant("2026-09-30T00:00:00Z"))
        #expect(october?.at == instant("2026-10-05T09:00:00+11:00"))
        let before = schedule.onCall(at: instant("2026-10-05T08:59:59+11:00")).person
        #expect(october?.from.person == before)
    }

    @Test func twelveHourTurnsKeepTheirWallClockTimesAcrossAChange() {
        let schedule = OnCallSchedule(
            name: "ops", zone: zone("Europe/Berlin"),
            layers: [layer([alice, bob], every: "12h", from: "2026-03-27", at: "08:00")])
        let shifts = schedule.shifts(from: instant("2026-03-28T08:00:00+01:00"), to: instant("2026-03-30T08:00:00+02:00"))
        let clock = ZoneClock(zone: zone("Europe/Berlin"))
        let startTimes = shifts.map { clock.wallClock(at: $0.start).secondsIntoDay }
        #expect(startTimes == [8 * 3600, 20 * 3600, 8 * 3600, 20 * 3600])
        #expect(shifts.map(\.person) == [alice, bob, alice, bob])
    }

    @Test func aRotationOfOneIsOneShift() {
        let schedule = OnCallSchedule(
            name: "ops", zone: zone("UTC"), layers: [layer([alice], every: "1d", from: "2026-01-01")])
        let shifts = schedule.shifts(from: instant("2026-01-01T00:00:00Z"), to: instant("2026-02-01T00:00:00Z"))
        #expect(shifts == [
            OnCallShift(
                start: instant("2026-01-01T00:00:00Z"), end: instant("2026-02-01T00:00:00Z"), person: alice,
                source: .layer("primary"))
        ])
        #expect(schedule.nextHandoff(after: instant("2026-01-01T00:00:00Z"), horizon: .seconds(90 * 86_400)) == nil)
    }
}
