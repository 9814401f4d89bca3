import CoordinatorTestSupport
import IncidentRuntime
import SitrepCore
import Testing

/// A Matrix command handled again after a restart (`IncidentCoordinator.handleAgain`): one the dead run applied
/// is answered but not applied twice; one it did not apply is applied as usual.
@Suite struct CommandAfterRestartTests {
    /// `text` from alice in `channel`, with a Matrix-style event id.
    static func event(_ text: String, in channel: String, id: String, at second: Int64) -> ChatEvent {
        ChatEvent(
            kind: .message(text: text, style: .plain), channel: ChatChannel(name: channel),
            sender: CoordinatorHarness.alice, time: CoordinatorHarness.at(second), id: id)
    }

    @Test func aNoteWhoseChangeIsStoredIsConfirmedAndNotAppliedAgain() async throws {
        try await CoordinatorHarness.run { harness in
            await harness.say("!declare sev2 Checkout returns 500s", by: CoordinatorHarness.alice, in: "#ops")
            let note = Self.event("!note db latency spiked", in: "#inc-1", id: "$note", at: 5)
            await harness.coordinator.handle(note)
            try await harness.settle()
            await harness.coordinator.handleAgain(note)
            let timeline = try await harness.timeline(1)
            #expect(timeline.filter { $0.kind == .note }.map(\.text) == ["db latency spiked"])
            #expect(timeline.filter { $0.text == "!note db latency spiked" }.count == 1)
            let said = harness.network.said(to: "#inc-1")
            #expect(said.filter { $0.contains("note recorded") }.count == 1, "\(said)")
            #expect(said.filter { $0.contains("was recorded just before sitrep restarted") }.count == 1, "\(said)")
        }
    }

    @Test func aNoteNeverStoredIsAppliedOnce() async throws {
        try await CoordinatorHarness.run { harness in
            await harness.say("!declare sev2 Checkout returns 500s", by: CoordinatorHarness.alice, in: "#ops")
            await harness.coordinator.handleAgain(Self.event("!note db latency spiked", in: "#inc-1", id: "$n", at: 5))
            let timeline = try await harness.timeline(1)
            #expect(timeline.filter { $0.kind == .note }.count == 1)
            #expect(harness.network.said(to: "#inc-1").filter { $0.contains("note recorded") }.count == 1)
        }
    }

    @Test func aDeclarationMadeIsAnsweredWithItsOwnReplyAndNotMadeTwice() async throws {
        try await CoordinatorHarness.run { harness in
            let declare = Self.event("!declare sev2 Checkout returns 500s", in: "#ops", id: "$declare", at: 1)
            await harness.coordinator.handle(declare)
            await harness.coordinator.handleAgain(declare)
            let open = try await harness.store.openIncidents()
            #expect(open.count == 1)
            let replies = harness.network.said(to: "#ops").filter { $0.contains("incident 1 declared") }
            #expect(replies.count == 2 && replies[0] == replies[1], "the same reply (one post on Matrix): \(replies)")
        }
    }

    @Test func aDeclarationNeverMadeIsMade() async throws {
        try await CoordinatorHarness.run { harness in
            let declare = Self.event("!declare sev2 Checkout returns 500s", in: "#ops", id: "$declare", at: 1)
            await harness.coordinator.handleAgain(declare)
            let open = try await harness.store.openIncidents()
            #expect(open.count == 1)
        }
    }
}
