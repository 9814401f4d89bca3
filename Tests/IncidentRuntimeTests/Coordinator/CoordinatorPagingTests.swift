import CoordinatorTestSupport
import Foundation
import IncidentRuntime
import SitrepCore
import Testing

private typealias H = CoordinatorHarness

/// Paging as people meet it: `!escalate` within and past the policy, who a page reaches and what it says, the
/// rights a page gives, and a page to someone who is not on the network.
@Suite struct CoordinatorPagingTests {
    static let settings = CoordinatorSettings(
        permissions: H.settings.permissions, announceChannel: "#incidents", timerPolicy: H.timerPolicy)
    static let dave = Participant(identity: .account("dave"), nick: "dave")

    private func pages(_ h: H, to nick: String) -> [String] {
        h.network.actions.compactMap {
            if case .message(let target, let text) = $0, target == nick { return text }
            return nil
        }
    }

    @Test func manualEscalationNamesWhoIsPagedAndStopsPlainlyAfterTheLastTier() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            await h.say("!escalate", by: H.alice, in: "#inc-1", at: 5)
            #expect(h.network.said(to: "#inc-1").last == "incident 1: escalated to tier 1 — paging bob")
            await h.say("!escalate next db is gone", by: H.alice, in: "#inc-1", at: 6)
            #expect(h.network.said(to: "#inc-1").last == "incident 1: escalated to tier 2 (db is gone) — paging dave")
            #expect(pages(h, to: "dave") == [
                "You are paged for INC-1 [SEV1] Checkout down (escalation tier 2, by alice: db is gone) — join #inc-1 and !ack"
            ])
            h.network.clear()
            await h.say("!escalate", by: H.alice, in: "#inc-1", at: 7)
            #expect(
                h.network.said(to: "#inc-1") == [
                    "INC-1 is already at its last escalation tier (tier 2: team dba); nothing changed — "
                        + "!escalate <nick or team> pages someone else"
                ])
            #expect(h.network.actions.allSatisfy { if case .message = $0 { false } else { true } }, "nobody paged")
            #expect(h.network.said(to: "#incidents").isEmpty, "no phantom escalation announced")
            let incident = try #require(try await h.store.incident(id: 1))
            #expect(incident.escalationLevel == 2)
            let escalations = try await h.timeline(1).filter { $0.detail?.encoded.hasPrefix("escalate=tier") == true }
            #expect(escalations.count == 2, "the review counts two escalations, not three")
        }
    }

    @Test func aPagedPersonMayAcknowledgeAndAddNotesAndTheTimelineSaysWhy() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            await h.say("!note looking", by: Self.dave, in: "#inc-1", at: 2)
            #expect(h.network.said(to: "#inc-1").last?.hasPrefix("dave: only a responder or commander may") == true)
            try await h.fireDue(1, by: 60)
            try await h.fireDue(1, by: 180)
            #expect(pages(h, to: "dave").count == 1)
            await h.say("!ack", by: Self.dave, in: "#inc-1", at: 190)
            let incident = try #require(try await h.store.incident(id: 1))
            #expect(incident.acknowledgedBy?.identity == .account("dave"))
            await h.say("!note replica promoted", by: Self.dave, in: "#inc-1", at: 191)
            #expect(h.network.said(to: "#inc-1").last == "incident 1: note recorded")
            let rights = try await h.timeline(1).filter { $0.detail == "rights=paged" }.map(\.text)
            #expect(rights == ["bob paged: responder rights in INC-1 (!ack, notes)", "dave paged: responder rights in INC-1 (!ack, notes)"])
            await h.say("!whoami", by: Self.dave, in: "#inc-1", at: 192)
            #expect(h.network.said(to: "#inc-1").last?.contains("responder (paged for this incident)") == true)
        }
    }

    @Test func aPageAfterTheAckSaysWhoAcknowledgedAndTheEscalatingLeadIsNotPaged() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            await h.say("!ack", by: H.bob, in: "#inc-1", at: 3)
            await h.say("!lead", by: H.bob, in: "#inc-1", at: 4)
            await h.say("!escalate", by: H.bob, in: "#inc-1", at: 5)
            #expect(pages(h, to: "bob").isEmpty, "the lead who escalated is in the channel already")
            #expect(h.network.said(to: "#inc-1").last == "incident 1: escalated to tier 1 — nobody to page")
            await h.say("!escalate", by: H.bob, in: "#inc-1", at: 6)
            #expect(pages(h, to: "dave") == [
                "You are paged for INC-1 [SEV1] Checkout down (escalation tier 2, by bob) — acknowledged by bob; join #inc-1 to help"
            ])
        }
    }

    @Test func aPageToSomeoneNotOnTheNetworkFailsAtOnceAndTheNextTierIsPaged() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            try await h.fireDue(1, by: 60)
            #expect(pages(h, to: "bob").count == 1)
            await h.coordinator.pageUndeliverable(to: "BOB", at: H.at(61))
            try await h.settle()
            #expect(
                h.network.said(to: "#inc-1").contains(
                    "bob is not on IRC; the page was not delivered — paging the next tier now: team dba"))
            #expect(pages(h, to: "dave").count == 1, "tier 2 did not wait for its timer")
            let incident = try #require(try await h.store.incident(id: 1))
            #expect(incident.escalationLevel == 2)
            await h.coordinator.pageUndeliverable(to: "bob", at: H.at(61))
            await h.coordinator.pageUndeliverable(to: "dave", at: H.at(62))
            try await h.settle()
            #expect(
                h.network.said(to: "#inc-1").last
                    == "dave is not on IRC; the page was not delivered — no escalation tier is left to page; "
                    + "INC-1 is still not acknowledged")
            #expect(h.network.said(to: "#inc-1").filter { $0.hasPrefix("bob is not on IRC") }.count == 1)
        }
    }

    @Test func pagesListsEveryAttemptWithItsOutcomeAndAnAckMarksThem() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            try await h.fireDue(1, by: 60)
            await h.coordinator.pageUndeliverable(to: "bob", at: H.at(61))
            try await h.settle()
            let attempts = try await h.store.pageAttempts(incidentID: 1)
            #expect(attempts.map(\.step) == ["tier-1", "tier-2"])
            #expect(attempts.map(\.status) == [.failed, .sent])
            #expect(attempts.first?.reason == "not on the chat network")
            #expect(attempts.first?.id == "INC-1/tier-1/account:bob/chat/1")
            await h.say("!ack", by: Self.dave, in: "#inc-1", at: 70)
            #expect(try await h.store.pageAttempts(incidentID: 1).last?.status == .acknowledged)
            h.network.clear()
            await h.say("!pages", by: H.carol, in: "#inc-1", at: 71)
            let reply = h.network.said(to: "#inc-1")
            #expect(reply.first == "INC-1: 2 pages to 2 people")
            #expect(reply.dropFirst().first?.contains("bob by chat to bob (tier-1): failed — not on the chat network at ") == true)
            #expect(reply.last?.contains("dave by chat to dave (tier-2): acknowledged") == true)
        }
    }

    @Test func aPageClaimedButNeverSentGoesOutAfterARestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-paging-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await H.run(directory: folder, settings: Self.settings) { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            // What a process that died at `page.claimed` leaves: the claim, and no send.
            let attempt = PageAttempt(
                id: PageAttempt.key(incidentID: 1, step: "tier-1", person: .account("bob"), method: "chat", round: 1),
                incidentID: 1, person: .account("bob"), method: "chat", address: "bob", step: "tier-1", queuedAt: H.at(60))
            #expect(try await h.store.claimPageAttempt(attempt))
        }
        try await H.run(directory: folder, settings: Self.settings) { h async throws in
            let resent = pages(h, to: "bob")
            #expect(resent.count == 1)
            #expect(resent.first?.hasPrefix("[resent after a restart] You are paged for INC-1 [SEV1] Checkout down (tier-1)") == true)
            #expect(try await h.store.queuedPageAttempts().isEmpty)
            #expect(try await h.store.pageAttempts(incidentID: 1).first?.status == .sent)
        }
    }
}
