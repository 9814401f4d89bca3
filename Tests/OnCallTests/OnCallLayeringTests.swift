import Foundation
import OnCall
import SitrepCore
import Testing

@Suite("OnCallSchedule: layers, restrictions, overrides, gaps")
struct OnCallLayeringTests {
    /// Nights and weekends: alice/bob weekly; business hours on weekdays: carol/dave daily.
    let schedule = OnCallSchedule(
        name: "ops", zone: zone("Europe/Berlin"),
        layers: [
            layer([alice, bob], named: "base", every: "1w", from: "2026-12-07", at: "09:00"),
            layer([carol, dave], named: "day", every: "1d", from: "2026-12-07", at: "09:00",
                restrictions: [restriction([.monday, .tuesday, .wednesday, .thursday, .friday], "09:00", "17:00")]),
        ])

    @Test func aLaterLayerWinsWhereItHasSomeone() {
        #expect(schedule.onCall(at: instant("2026-12-07T10:00:00+01:00")) == OnCallAnswer(person: carol, source: .layer("day")))
        #expect(schedule.onCall(at: instant("2026-12-08T16:59:59+01:00")).person == dave)
        #expect(schedule.onCall(at: instant("2026-12-08T17:00:00+01:00")) == OnCallAnswer(person: alice, source: .layer("base")))
        #expect(schedule.onCall(at: instant("2026-12-12T10:00:00+01:00")).person == alice)
        #expect(schedule.onCall(at: instant("2026-12-14T10:00:00+01:00")).person == dave)
        #expect(schedule.onCall(at: instant("2026-12-14T08:00:00+01:00")).person == alice)
        #expect(schedule.onCall(at: instant("2026-12-14T09:00:00+01:00")).person == dave)
        #expect(schedule.onCall(at: instant("2026-12-14T18:00:00+01:00")).person == bob)
    }

    @Test func shiftsFollowTheRestrictionEdges() {
        let shifts = schedule.shifts(from: instant("2026-12-07T09:00:00+01:00"), to: instant("2026-12-09T09:00:00+01:00"))
        #expect(shifts.map(\.person) == [carol, alice, dave, alice])
        #expect(shifts.map(\.start) == [
            instant("2026-12-07T09:00:00+01:00"), instant("2026-12-07T17:00:00+01:00"),
            instant("2026-12-08T09:00:00+01:00"), instant("2026-12-08T17:00:00+01:00"),
        ])
        #expect(shifts.last?.end == instant("2026-12-09T09:00:00+01:00"))
    }

    @Test func aWindowPastMidnightBelongsToTheDayItOpens() {
        let nights = OnCallSchedule(
            name: "ops", zone: zone("Europe/Berlin"),
            layers: [layer([alice], named: "nights", every: "1w", from: "2026-12-07", restrictions: [restriction([.friday], "22:00", "06:00")])])
        #expect(nights.onCall(at: instant("2026-12-11T23:00:00+01:00")).person == alice)
        #expect(nights.onCall(at: instant("2026-12-12T05:59:00+01:00")).person == alice)
        #expect(nights.onCall(at: instant("2026-12-12T06:00:00+01:00")) == .nobody)
        #expect(nights.onCall(at: instant("2026-12-11T03:00:00+01:00")) == .nobody)
        #expect(nights.onCall(at: instant("2026-12-12T23:00:00+01:00")) == .nobody)
    }

    @Test func gapsAreShiftsWithNobody() {
        let business = OnCallSchedule(
            name: "ops", zone: zone("UTC"),
            layers: [layer([alice], every: "1w", from: "2026-12-07", restrictions: [restriction(nil, "09:00", "17:00")])])
        let shifts = business.shifts(from: instant("2026-12-07T00:00:00Z"), to: instant("2026-12-08T00:00:00Z"))
        #expect(shifts.map(\.person) == [nil, alice, nil])
        #expect(shifts.map(\.source) == [.nobody, .layer("primary"), .nobody])
        #expect(shifts[1].start == instant("2026-12-07T09:00:00Z"))
        #expect(shifts[1].end == instant("2026-12-07T17:00:00Z"))
        let handoff = business.nextHandoff(after: instant("2026-12-07T18:00:00Z"))
        #expect(handoff?.at == instant("2026-12-08T09:00:00Z"))
        #expect(handoff?.from == .nobody)
        #expect(OnCallSchedule(name: "empty", zone: zone("UTC"), layers: []).onCall(at: instant("2026-12-07T00:00:00Z")) == .nobody)
    }

    @Test func overridesSitOnTopAndTheLastOneWins() {
        let overrides = [
            override(bob, "2026-12-07T12:00:00+01:00", "2026-12-07T20:00:00+01:00", id: 1),
            override(dave, "2026-12-07T13:00:00+01:00", "2026-12-07T14:00:00+01:00", id: 2),
            override(dave, "2026-12-07T00:00:00+01:00", "2026-12-31T00:00:00+01:00", schedule: "other", id: 3),
        ]
        #expect(schedule.onCall(at: instant("2026-12-07T11:00:00+01:00"), overrides: overrides).person == carol)
        #expect(schedule.onCall(at: instant("2026-12-07T12:00:00+01:00"), overrides: overrides) == OnCallAnswer(person: bob, source: .override(1)))
        #expect(schedule.onCall(at: instant("2026-12-07T13:30:00+01:00"), overrides: overrides).person == dave)
        let shifts = schedule.shifts(
            from: instant("2026-12-07T09:00:00+01:00"), to: instant("2026-12-08T09:00:00+01:00"), overrides: overrides)
        #expect(shifts.map(\.person) == [carol, bob, dave, bob, alice])
        #expect(shifts.map(\.source) == [.layer("day"), .override(1), .override(2), .override(1), .layer("base")])
        #expect(shifts[3].end == instant("2026-12-07T20:00:00+01:00"))
        let handoff = schedule.nextHandoff(after: instant("2026-12-07T10:00:00+01:00"), overrides: overrides)
        #expect(handoff?.at == instant("2026-12-07T12:00:00+01:00"))
        #expect(handoff?.to.person == bob)
    }

    @Test func shiftsAgreeWithOnCallEverywhere() {
        let overrides = [override(dave, "2026-12-09T03:17:00+01:00", "2026-12-10T11:00:00+01:00")]
        let from = instant("2026-12-01T00:00:00Z")
        let shifts = schedule.shifts(from: from, to: instant("2026-12-29T00:00:00Z"), overrides: overrides)
        for (index, shift) in shifts.enumerated() {
            #expect(shift.start < shift.end)
            if index > 0 {
                #expect(shifts[index - 1].end == shift.start)
                #expect(shifts[index - 1].person != shift.person || shifts[index - 1].source != shift.source)
            }
            let middle = Timestamp(milliseconds: (shift.start.milliseconds + shift.end.milliseconds) / 2)
            for probe in [shift.start, Timestamp(milliseconds: shift.end.milliseconds - 1), middle] {
                let answer = schedule.onCall(at: probe, overrides: overrides)
                #expect(answer.person == shift.person && answer.source == shift.source)
            }
        }
    }
}
