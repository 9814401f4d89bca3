import CoordinatorTestSupport
import SitrepCore
import Testing

@Suite struct CoordinatorKnowledgeTests {
    typealias H = CoordinatorHarness

    /// Incident 1 about checkout 500s, resolved with a rollback, with a standard solution for checkout.
    static func pastIncident(_ h: H) async throws {
        await h.say("!declare sev2 Checkout returns 500s", by: H.alice, in: "#ops")
        await h.say("/service checkout", by: H.alice, in: "#inc-1", at: 1)
        await h.say("/solution restart the payment workers", by: H.alice, in: "#inc-1", at: 2)
        await h.say("/resolve rolled back deploy 512", by: H.alice, in: "#inc-1", at: 3)
        try await h.settle()
    }

    @Test func solutionIsNumberedAndSuggestedOnDeclareAndOnService() async throws {
        try await H.run { h async throws in
            try await Self.pastIncident(h)
            #expect(h.network.said(to: "#inc-1").contains("solution #1 recorded for checkout"))
            await h.say("!declare Checkout 500s again", by: H.carol, in: "#ops", at: 10)
            #expect(h.network.said(to: "#inc-2").contains("similar: INC-1 \"Checkout returns 500s\" → rolled back deploy 512"))
            await h.say("/service checkout", by: H.bob, in: "#inc-2", at: 11)
            #expect(
                h.network.said(to: "#inc-2").last
                    == "similar: INC-1 \"Checkout returns 500s\" → rolled back deploy 512; "
                    + "solution #1 for checkout: restart the payment workers")
            let kinds = try await h.timeline(1).map(\.kind)
            #expect(kinds.contains(.solution))
        }
    }

    @Test func searchAndStatsAnswerAnywhere() async throws {
        try await H.run { h async throws in
            try await Self.pastIncident(h)
            await h.say("!search rolled service:checkout", by: H.carol, in: "#ops", at: 5)
            #expect(
                h.network.said(to: "#ops").suffix(2) == [
                    "incidents matching rolled:",
                    "INC-1 [SEV2 · resolved] Checkout returns 500s — resolution: [rolled] back deploy 512",
                ])
            await h.say("search AND (\"", by: H.carol, in: nil, at: 6)
            #expect(h.network.said(to: "carol").last == "no incidents match AND (\"")
            await h.say("!stats 7d", by: H.carol, in: "#ops", at: 7)
            let stats = h.network.said(to: "#ops").suffix(2)
            #expect(stats.first == "last 7d: 1 incident (SEV2 1), 1 open · top category: uncategorised (1) · top service: checkout (1)")
            #expect(stats.dropFirst().first?.hasPrefix("time to ack: none acknowledged · time to resolve: mean 3s") == true)
        }
    }
}
