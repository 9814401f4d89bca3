import CoordinatorTestSupport
import Foundation
import SitrepCore
import Testing

@Suite struct CoordinatorRestartTests {
    typealias H = CoordinatorHarness

    @Test func afterARestartOpenIncidentsAreRejoinedAndTheGapIsRecorded() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-restart-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try await H.run(directory: folder) { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            await h.say("!declare sev4 Typo on the status page", by: H.carol, in: "#ops")
            await h.say("!cancel declared by mistake", by: H.alice, in: "#inc-2")
            await h.say("we are rolling back", by: H.bob, in: "#inc-1", at: 5)
        }
        try await H.run(directory: folder) { h async throws in
            #expect(h.network.actions.contains(.join(channel: "#inc-1")))
            #expect(!h.network.actions.contains(.join(channel: "#inc-2")), "a cancelled incident is not rejoined")
            #expect(h.network.actions.contains(.join(channel: "#incidents")))
            await h.say("rollback done", by: H.bob, in: "#inc-1", at: 30)
            let timeline = try await h.timeline(1)
            #expect(timeline.map(\.kind).contains(.gap))
            #expect(timeline.last?.text == "rollback done")
            await h.say("!declare Third one", by: H.carol, in: "#ops")
            #expect(try await h.store.incident(id: 3) != nil, "ids continue after a restart")
        }
    }
}
