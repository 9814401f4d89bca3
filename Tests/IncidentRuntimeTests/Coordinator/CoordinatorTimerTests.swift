import CoordinatorTestSupport
import Foundation
import IncidentRuntime
import SitrepCore
import Testing

@Suite struct CoordinatorTimerTests {
    typealias H = CoordinatorHarness
    static let settings = CoordinatorSettings(
        permissions: H.settings.permissions, announceChannel: "#incidents", timerPolicy: H.timerPolicy)

    func pages(_ h: H, to nick: String) -> [String] {
        h.network.actions.compactMap {
            if case .message(let target, let text) = $0, target == nick { return text }
            return nil
        }
    }

    @Test func anUnacknowledgedSev1PagesTierOneThenTierTwoAndAckStopsIt() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            #expect(h.timers.timers(of: 1).map(\.id.key).contains("tier-1"))
            #expect(try await h.store.pendingTimers().contains { $0.id.key == "tier-1" }, "the plan is stored")
            try await h.fireDue(1, by: 59)
            #expect(pages(h, to: "bob").isEmpty, "nothing before the deadline")
            try await h.fireDue(1, by: 60)
            #expect(pages(h, to: "bob").count == 1)
            #expect(h.network.said(to: "#inc-1").contains { $0.contains("tier 1") })
            #expect(try await h.store.incident(id: 1)?.escalationLevel == 1)
            try await h.fireDue(1, by: 180)
            #expect(pages(h, to: "dave").count == 1, "team dba is dave")
            #expect(h.network.said(to: "#incidents").contains { $0.contains("tier 2") })
            await h.say("!ack", by: H.bob, in: "#inc-1", at: 200)
            #expect(!h.timers.timers(of: 1).contains { $0.id.kind == .escalation })
            let timeline = try await h.timeline(1)
            #expect(timeline.filter { $0.detail?.encoded.contains("escalate=tier") == true }.count == 2)
        }
    }

    @Test func aTimerPageInvitesThePagedPeopleWhoAreNotInTheIncidentChannelYet() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            h.network.addMember(Participant(identity: .account("dave"), nick: "Dave"), to: "#inc-1")
            try await h.fireDue(1, by: 60)
            let actions = h.network.actions
            let page = try #require(actions.firstIndex { if case .message("bob", _) = $0 { true } else { false } })
            let invite = try #require(actions.firstIndex(of: .invite(nick: "bob", channel: "#inc-1")))
            #expect(page < invite, "the page goes first: it says why")
            try await h.fireDue(1, by: 180)
            #expect(pages(h, to: "dave").count == 1)
            #expect(
                !h.network.actions.contains { if case .invite("dave", _) = $0 { true } else { false } },
                "dave is in the channel already")
        }
    }

    @Test func aTimerFiresOnceEvenWhenDeliveredTwice() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            let tier1 = try #require(h.timers.timers(of: 1).first { $0.id.key == "tier-1" })
            await h.coordinator.timerFired(tier1, at: H.at(60))
            await h.coordinator.timerFired(tier1, at: H.at(61))
            try await h.settle()
            #expect(pages(h, to: "bob").count == 1)
        }
    }

    @Test func aTimerFiringWhileACommandIsInFlightLosesNeitherChange() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            for id in Int64(1)...20 {
                await h.say("!declare sev1 Race \(id)", by: H.carol, in: "#ops")
                let tier1 = try #require(h.timers.timers(of: id).first { $0.id.key == "tier-1" })
                h.timers.replace(incidentID: id, with: h.timers.timers(of: id).filter { $0.id != tier1.id })
                await Self.race(h, fire: tier1, ackIn: "#inc-\(id)")
                try await h.settle()
                let incident = try #require(try await h.store.incident(id: id))
                #expect(incident.acknowledgedAt != nil, "the ack survives a concurrent page (INC-\(id))")
                #expect(incident.escalationLevel <= 1)
            }
        }
    }

    /// Fires `timer` and sends `!ack` at the same time.
    static func race(_ h: H, fire timer: IncidentTimer, ackIn channel: String) async {
        async let fired: Void = h.coordinator.timerFired(timer, at: H.at(60))
        async let acked: Void = h.say("!ack", by: H.bob, in: channel, at: 60)
        _ = await (fired, acked)
    }

    @Test func manualEscalationPagesTheNextTierAtOnceAndRearmsTheOneAfter() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            await h.say("!escalate", by: H.alice, in: "#inc-1", at: 10)
            #expect(pages(h, to: "bob").count == 1)
            let next = try #require(h.timers.timers(of: 1).first { $0.id.kind == .escalation })
            #expect(next.id.key == "tier-2" && next.due == H.at(130))
        }
    }

    @Test func escalatingToATeamPagesEachMember() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            await h.say("!declare sev2 Replica lag", by: H.carol, in: "#ops")
            await h.say("!escalate dba replication stuck", by: H.alice, in: "#inc-1", at: 5)
            #expect(pages(h, to: "dave").count == 1, "team dba is dave")
            #expect(pages(h, to: "dba").isEmpty)
        }
    }

    @Test func remindersAndSnoozeAndTheTimerList() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            await h.say("!remind 15m check the replica lag", by: H.bob, in: "#inc-1", at: 5)
            let reminder = try #require(h.timers.timers(of: 1).first { $0.id.kind == .reminder })
            #expect(reminder.due == H.at(5 + 900))
            h.network.clear()
            await h.say("!timers", by: H.carol, in: "#inc-1", at: 6)
            #expect(h.network.said(to: "#inc-1").contains { $0.contains("replica lag") })
            await h.say("!snooze 1h", by: H.bob, in: "#inc-1", at: 7)
            let update = try #require(h.timers.timers(of: 1).first { $0.id.kind == .updateDue })
            #expect(update.due >= H.at(7 + 3600), "reminders wait for the snooze")
            let escalation = try #require(h.timers.timers(of: 1).first { $0.id.kind == .escalation })
            #expect(escalation.due == H.at(60), "SEV1 escalation is not snoozed")
            try await h.fireDue(1, by: 7 + 3600)
            #expect(h.network.said(to: "#inc-1").contains { $0.contains("check the replica lag") })
        }
    }

    @Test func afterARestartPendingTimersAreReArmedAndFiredOnesStayFired() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-timers-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await H.run(directory: folder, settings: Self.settings) { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            try await h.fireDue(1, by: 60)
            #expect(pages(h, to: "bob").count == 1)
        }
        try await H.run(directory: folder, settings: Self.settings) { h async throws in
            let armed = h.timers.timers(of: 1)
            #expect(armed.contains { $0.id.key == "tier-2" }, "the pending tier is re-armed from the store")
            #expect(!armed.contains { $0.id.key == "tier-1" }, "the fired tier is not")
            try await h.fireDue(1, by: 10_000)
            #expect(pages(h, to: "bob").isEmpty, "tier 1 is not paged again after the restart")
            #expect(pages(h, to: "dave").count == 1, "the overdue tier 2 fires once, late")
            #expect(try await h.timeline(1).contains { $0.text.contains("late by") })
        }
    }
}
