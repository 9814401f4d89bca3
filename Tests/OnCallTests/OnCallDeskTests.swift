import Foundation
import OnCall
import SitrepCore
import Testing

/// `OnCallDesk`: the on-call commands' decisions without a store or a network: which schedule is meant, who
/// takes it until when, why not, and who a schedule has on call for a page.
@Suite struct OnCallDeskTests {
    /// alice and bob turn weekly at Monday 09:00 Berlin time.
    static let ops = OnCallSchedule(
        name: "ops", zone: zone("Europe/Berlin"),
        layers: [layer([alice, bob], named: "base", every: "1w", from: "2026-12-07", at: "09:00")])
    static let dbs = OnCallSchedule(
        name: "dbs", zone: zone("Europe/Berlin"), layers: [layer([carol], every: "1w", from: "2026-12-07")])
    static let now = instant("2026-12-08T10:00:00+01:00")
    static let erin = Participant(identity: .account("erin"), nick: "Erin")
    static let sender = Participant(identity: alice, nick: "alice")

    static func plan(
        _ intent: IncidentIntent, schedules: [OnCallSchedule] = [ops], members: [Participant] = [],
        overrides: [OnCallOverride] = []
    ) throws(OnCallDesk.Refusal) -> OnCallDesk.PlannedOverride {
        let desk = OnCallDesk(schedules: Dictionary(uniqueKeysWithValues: schedules.map { ($0.name, $0) }))
        return try desk.plannedOverride(
            intent, from: sender, members: members, nameKey: { $0.lowercased() }, overrides: overrides, at: now)
    }

    @Test func takingTheOnlyScheduleLastsUntilItsNextHandoff() throws {
        let planned = try Self.plan(.oncallTake(schedule: nil, hours: nil))
        #expect(planned.schedule.name == "ops")
        #expect(planned.person == Self.sender)
        #expect(planned.end == instant("2026-12-14T09:00:00+01:00"))
        #expect(try Self.plan(.oncallTake(schedule: nil, hours: 3)).end == Self.now.adding(.seconds(3 * 3600)))
    }

    @Test func anOverrideOfThatScheduleMovesTheHandoffAndOneOfAnotherDoesNot() throws {
        let later = override(carol, "2026-12-10T09:00:00+01:00", "2026-12-11T09:00:00+01:00")
        let elsewhere = override(carol, "2026-12-09T09:00:00+01:00", "2026-12-09T12:00:00+01:00", schedule: "dbs")
        let planned = try Self.plan(.oncallTake(schedule: nil, hours: nil), overrides: [later, elsewhere])
        #expect(planned.end == instant("2026-12-10T09:00:00+01:00"))
    }

    @Test func aNickIsAChannelMemberFirstThenAnAccountOfTheSchedule() throws {
        let member = try Self.plan(.override(schedule: "ops", nick: "erin", until: .after(.seconds(3600))), members: [Self.erin])
        #expect(member.person == Self.erin)
        #expect(member.end == Self.now.adding(.seconds(3600)))
        let account = try Self.plan(.override(schedule: "ops", nick: "BOB", until: .at(hour: 18, minute: 0)))
        #expect(account.person == Participant(identity: bob, nick: "BOB"))
        #expect(account.end == instant("2026-12-08T18:00:00+01:00"))
    }

    @Test func aStrangerIsRefusedWithWhatToDo() {
        #expect(throws: OnCallDesk.Refusal(reply: OnCallReplies.unknownPerson("mallory", schedule: "ops"))) {
            try Self.plan(.override(schedule: "ops", nick: "mallory", until: .after(.seconds(60))))
        }
    }

    @Test func theScheduleMustBeNamedWhenThereAreSeveralAndKnown() {
        #expect(throws: OnCallDesk.Refusal(reply: OnCallReplies.whichSchedule(known: ["dbs", "ops"]))) {
            try Self.plan(.oncallTake(schedule: nil, hours: 1), schedules: [Self.ops, Self.dbs])
        }
        #expect(throws: OnCallDesk.Refusal(reply: OnCallReplies.unknownSchedule("web", known: ["ops"]))) {
            try Self.plan(.oncallTake(schedule: "web", hours: 1))
        }
        #expect(throws: OnCallDesk.Refusal(reply: OnCallReplies.noSchedules())) {
            try Self.plan(.oncallTake(schedule: nil, hours: 1), schedules: [])
        }
    }

    @Test func oncallListsEverySchedule() throws {
        let desk = OnCallDesk(schedules: ["ops": Self.ops, "dbs": Self.dbs])
        #expect(try desk.chosenSchedules(nil).map(\.name) == ["dbs", "ops"])
        #expect(try desk.chosenSchedules("ops").map(\.name) == ["ops"])
    }

    @Test func aPolicyResolvesEachScheduleToWhoIsOnCallWithOverrides() {
        let desk = OnCallDesk(schedules: ["ops": Self.ops])
        let now = instant("2026-12-08T10:00:00+01:00")
        #expect(desk.resolving(TimerPolicy(), at: now, overrides: []).onCall["ops"] == [alice])
        let taken = override(dave, "2026-12-08T09:30:00+01:00", "2026-12-08T12:00:00+01:00")
        #expect(desk.resolving(TimerPolicy(), at: now, overrides: [taken]).onCall["ops"] == [dave])
    }
}
