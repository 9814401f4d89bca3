import CoordinatorTestSupport
import Foundation
import IncidentRuntime
import Logging
import SQLiteStore
import SitrepCore
import Testing

/// What a process that died in the middle of a timer firing leaves, and what the next process makes of it: the
/// escalation goes on to the next tier, and a page recorded but never confirmed is sent again, once, marked.
@Suite struct CoordinatorCrashRecoveryTests {
    typealias H = CoordinatorHarness
    static let settings = CoordinatorTimerTests.settings

    static func singleInstance(_ store: SQLiteIncidentStore) -> any EffectFence {
        SingleInstanceFence(
            store: store, clock: { H.at(61) }, logger: Logger(label: "test") { _ in SwiftLogNoOpLogHandler() })
    }

    func pages(_ h: H, to nick: String) -> [String] {
        h.network.actions.compactMap {
            if case .message(let target, let text) = $0, target == nick { return text }
            return nil
        }
    }

    func withFolder(_ body: (URL) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-crash-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await body(folder)
    }

    @Test func aRestartPlansTheNextTierOfAnEscalationWhosePlanWasNeverStored() async throws {
        try await withFolder { folder in
            try await H.run(directory: folder, settings: Self.settings) { h async throws in
                await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
                try await h.fireDue(1, by: 60)
                #expect(pages(h, to: "bob").count == 1)
                // The state a process that died between a firing and its next plan left before the plan was stored
                // with the firing: tier 1 fired and recorded, nothing pending.
                try await h.store.replaceTimers(incidentID: 1, with: [])
            }
            try await H.run(directory: folder, settings: Self.settings) { h async throws in
                #expect(h.timers.timers(of: 1).map(\.id.key).contains("tier-2"), "tier 2 is planned again at start")
                #expect(try await h.store.pendingTimers().map(\.id.key).contains("tier-2"), "and stored")
                try await h.fireDue(1, by: 180)
                #expect(pages(h, to: "dave").count == 1, "the escalation goes on to tier 2 (team dba: dave)")
            }
        }
    }

    @Test func theNextTierIsStoredWithTheFiringBeforeAnythingIsSent() async throws {
        try await H.run(settings: Self.settings) { h async throws in
            await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
            let tier1 = try #require(h.timers.timers(of: 1).first { $0.id.key == "tier-1" })
            let stored = h.store
            let pendingAtPage = PendingAtSend()
            h.network.onPerform { action in
                guard case .message("bob", _) = action else { return }
                await pendingAtPage.set(try? await stored.pendingTimers().map(\.id.key))
            }
            await h.coordinator.timerFired(tier1, at: H.at(60))
            #expect(await pendingAtPage.keys?.contains("tier-2") == true, "tier 2 was durable when bob's page left")
        }
    }

    @Test func aPageRecordedButNeverConfirmedIsSentAgainOnceMarkedAfterARestart() async throws {
        try await withFolder { folder in
            try await H.run(directory: folder, settings: Self.settings, fence: Self.singleInstance) { h async throws in
                await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
                try await h.fireDue(1, by: 60)
                #expect(pages(h, to: "bob").count == 1)
            }
            try await H.run(directory: folder, settings: Self.settings, fence: Self.singleInstance) { h async throws in
                let again = pages(h, to: "bob")
                #expect(again.count == 1 && again.first?.hasPrefix("(sent again after a restart; it may repeat)") == true, "\(again)")
            }
            try await H.run(directory: folder, settings: Self.settings, fence: Self.singleInstance) { h async throws in
                #expect(pages(h, to: "bob").isEmpty, "sent again at most once")
            }
        }
    }

    @Test func aPageTheServerEchoedIsNotSentAgainAfterARestart() async throws {
        try await withFolder { folder in
            try await H.run(directory: folder, settings: Self.settings, fence: Self.singleInstance) { h async throws in
                await h.say("!declare sev1 Checkout down", by: H.carol, in: "#ops")
                try await h.fireDue(1, by: 60)
                for case .message(let target, let text) in h.network.actions {
                    await h.coordinator.handle(Self.echo(text, to: target))
                }
                for line in h.network.said(to: "#inc-1") { await h.coordinator.handle(Self.echo(line, to: "#inc-1")) }
                for line in h.network.said(to: "#incidents") { await h.coordinator.handle(Self.echo(line, to: "#incidents")) }
            }
            try await H.run(directory: folder, settings: Self.settings, fence: Self.singleInstance) { h async throws in
                #expect(pages(h, to: "bob").isEmpty, "every line was echoed: nothing is in doubt")
            }
        }
    }

    static func echo(_ text: String, to target: String) -> ChatEvent {
        ChatEvent(
            kind: .message(text: text, style: .plain), channel: target.hasPrefix("#") ? ChatChannel(name: target) : nil,
            sender: Participant(identity: .nick("sitrep"), nick: "sitrep"), time: H.at(60), isOwn: true)
    }

    actor PendingAtSend {
        var keys: [String]?
        func set(_ keys: [String]?) { self.keys = keys }
    }
}
