import CoordinatorTestSupport
import Foundation
import IncidentRuntime
import OnCall
import SitrepCore
import Testing

/// `/oncall`, `/override`, `/oncall take` and `schedule:NAME` page targets, through the coordinator over a real
/// SQLite store. The harness clock starts on Monday 2025-11-24 16:00 UTC.
@Suite struct CoordinatorOnCallTests {
    typealias H = CoordinatorHarness
    static let erin = Participant(identity: .account("erin"), nick: "erin")
    static let gina = Participant(identity: .account("gina"), nick: "Gina")

    /// Schedule `ops` (UTC): erin and frank, a day each from Monday 00:00; SEV1 pages `schedule:ops` at 60 s.
    static var settings: CoordinatorSettings {
        var settings = CoordinatorSettings(
            permissions: H.settings.permissions, announceChannel: "#incidents",
            timerPolicy: TimerPolicy(
                escalationBySeverity: [
                    .sev1: EscalationPolicy(name: "critical", tiers: [.init(notify: [.schedule("ops")], after: .seconds(60))])
                ],
                timersBySeverity: [.sev1: SeverityTimers(acknowledgeDeadline: .seconds(60))]))
        settings.schedules = [
            "ops": OnCallSchedule(
                name: "ops", zone: TimeZone(identifier: "UTC")!,
                layers: [
                    OnCallLayer(
                        name: "daily", people: [.account("erin"), .account("frank")], interval: HandoffInterval("1d")!,
                        start: WallClock(date: LocalDate("2025-11-24")!))
                ])
        ]
        return settings
    }

    func pages(_ h: H, to nick: String) -> [String] {
        h.network.actions.compactMap {
            if case .message(let target, let text) = $0, target == nick { return text }
            return nil
        }
    }

    @Test func oncallSaysWhoUntilWhenAndWhoIsNext() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            await h.say("!oncall", by: H.carol, in: "#ops")
            #expect(h.network.said(to: "#ops") == ["ops: erin (layer daily) until Tue 2025-11-25 00:00 +00:00, then frank"])
            h.network.clear()
            await h.say("!oncall dba", by: H.carol, in: "#ops")
            #expect(h.network.said(to: "#ops") == ["unknown schedule dba; known: ops"])
        }
    }

    @Test func aScheduleTierPagesWhoeverIsOnCallWhenTheTimerFires() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            h.network.addMember(Self.gina, to: "#ops")
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            await h.say("!override ops Gina 2h", by: H.bob, in: "#ops", at: 10)
            #expect(
                h.network.said(to: "#ops").last
                    == "Gina is on call for ops from Mon 2025-11-24 16:00 +00:00 until Mon 2025-11-24 18:00 +00:00 (override by bob)")
            try await h.fireDue(1, by: 60)
            #expect(pages(h, to: "gina").count == 1, "the override is on call: the page goes to gina")
            #expect(pages(h, to: "erin").isEmpty)
            let stored = try await h.store.onCallOverrides(schedule: "ops", endingAfter: H.at(0))
            #expect(stored.map(\.person) == [.account("gina")])
            #expect(stored.first?.end == H.at(10 + 7200))
            #expect(stored.first?.createdBy == .account("bob"))
        }
    }

    @Test func withoutAnOverrideTheRotationIsPagedAndEscalateCanNameTheSchedule() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            try await h.fireDue(1, by: 60)
            #expect(pages(h, to: "erin").count == 1)
            await h.say("!escalate schedule:ops still down", by: H.alice, in: "#inc-1", at: 70)
            #expect(pages(h, to: "erin").count == 2)
        }
    }

    @Test func takingTheShiftInAnIncidentChannelIsOnItsTimeline() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            await h.say("!declare sev2 Replica lag", by: H.carol, in: "#ops")
            await h.say("!oncall take 3", by: H.bob, in: "#inc-1", at: 5)
            let stored = try await h.store.onCallOverrides(schedule: nil, endingAfter: H.at(0))
            #expect(stored.count == 1)
            #expect(stored.first?.person == .account("bob") && stored.first?.end == H.at(5 + 3 * 3600))
            let entry = try #require(try await h.timeline(1).last { $0.detail?.encoded.hasPrefix("oncall-override") == true })
            #expect(entry.isKeyEvent && entry.author == "bob")
            #expect(entry.text.hasPrefix("bob is on call for ops"))
            // Without hours: the rest of the current shift (bob's override until 19:00:05, so up to then).
            await h.say("!oncall take", by: H.alice, in: "#ops", at: 10)
            let again = try await h.store.onCallOverrides(schedule: nil, endingAfter: H.at(0))
            #expect(again.last?.person == .account("alice") && again.last?.end == H.at(5 + 3 * 3600))
        }
    }

    @Test func overridesNeedResponderRightsAndAKnownPerson() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            await h.say("!override ops erin 1h", by: H.mallory, in: "#ops")
            #expect(h.network.said(to: "#ops").last?.contains("needs responder rights") == true)
            await h.say("!override ops zed 1h", by: H.bob, in: "#ops")
            #expect(h.network.said(to: "#ops").last?.hasPrefix("zed is neither in this channel nor in schedule ops") == true)
            await h.say("!override ops frank until 09:00", by: H.bob, in: "#ops")
            let stored = try await h.store.onCallOverrides(schedule: nil, endingAfter: H.at(0))
            #expect(stored.map(\.person) == [.account("frank")], "frank is in the schedule")
            #expect(stored.first?.end == Timestamp(milliseconds: 1_764_061_200_000), "Tue 09:00 UTC")
        }
    }
}
