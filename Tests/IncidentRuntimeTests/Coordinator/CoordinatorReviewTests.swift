import CoordinatorTestSupport
import SitrepCore
import Testing

@Suite struct CoordinatorReviewTests {
    typealias H = CoordinatorHarness

    @Test func factorsAndLessonsAfterClosureLandInThePostmortemSummary() async throws {
        try await H.run { h async throws in
            await h.say("!declare sev2 Search slow", by: H.carol, in: "#ops")
            await h.say("!ack", by: H.bob, in: "#inc-1", at: 60)
            await h.say("!resolve reindexed", by: H.alice, in: "#inc-1", at: 600)
            await h.say("!cause runaway reindex job", by: H.bob, in: "#inc-1", at: 700)
            await h.say("!close", by: H.alice, in: "#inc-1", at: 900)
            await h.say("!factor no alert on index size", by: H.bob, in: "#inc-1", at: 1000)
            await h.say("!lesson throttle reindexing", by: H.bob, in: "#inc-1", at: 1010)
            await h.say("!factor stakeholders cannot add these", by: H.carol, in: "#inc-1", at: 1020)
            await h.say("!review", by: H.carol, in: "#inc-1", at: 1100)
            let said = h.network.said(to: "#inc-1")
            #expect(said.contains("incident 1: contributing factor recorded"))
            #expect(said.contains("incident 1: lesson recorded"))
            #expect(
                Array(said.suffix(3)) == [
                    "INC-1 review (closed): acknowledged after 1m, not mitigated, resolved after 10m; total 15m",
                    "5 key events, 0 escalations, 1 factor, 1 lesson, 0 of 0 follow-ups open, 2 open questions",
                    "full review: sitrep review 1 (Markdown or HTML)",
                ])
            let kinds = try await h.timeline(1).map(\.kind)
            #expect(kinds.filter { $0 == .factor }.count == 1 && kinds.contains(.lesson) && kinds.contains(.refusal))
        }
    }
}
