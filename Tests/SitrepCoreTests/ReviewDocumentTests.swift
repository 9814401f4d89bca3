import Foundation
import SitrepCore
import Testing

@Suite struct ReviewDocumentTests {
    typealias F = ReviewFixtures

    /// `Fixtures/<name>` next to this file. Set `SITREP_UPDATE_GOLDEN=1` to rewrite the files from the output.
    static func golden(_ name: String, matches text: String) throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SITREP_UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs; rerun with SITREP_UPDATE_GOLDEN=1 and review the diff")
    }

    @Test func theSev1ReviewMatchesItsGoldenMarkdown() throws {
        try Self.golden("inc-7-sev1-review.md", matches: F.sev1.review().markdown())
    }

    @Test func theCancelledSev4ReviewMatchesItsGoldenMarkdown() throws {
        try Self.golden("inc-8-cancelled-sev4-review.md", matches: F.cancelledSev4.review().markdown())
    }

    @Test func durationsAreExact() {
        let d = F.sev1.review().durations
        #expect(d.toAcknowledge == .seconds(845))
        #expect(d.toMitigate == .seconds(1800))
        #expect(d.toResolve == .seconds(3600))
        #expect(d.total == .seconds(3900) && d.isFinal)
        #expect(
            d.inState == [
                .init(.investigating, .seconds(1500)), .init(.identified, .seconds(300)),
                .init(.mitigated, .seconds(1800)), .init(.resolved, .seconds(300)),
            ])
    }

    @Test func timeInStateAddsUpEachStayAcrossAReopen() {
        var s = ReviewScript(id: 5, severity: .sev2, title: "Search slow", by: F.bob)
        s.run(.resolve("restarted the indexer"), by: F.alice, at: 600)
        s.run(.cause("indexer leak"), by: F.alice, at: 700)
        s.run(.close, by: F.alice, at: 800)
        s.run(.reopen("slow again"), by: F.alice, at: 900)
        s.run(.mitigated("throttled reindexing"), by: F.alice, at: 1200)
        s.run(.resolve("fixed the leak"), by: F.alice, at: 1500)
        s.run(.close, by: F.alice, at: 1800)
        let review = s.review()
        #expect(
            review.durations.inState == [
                .init(.investigating, .seconds(600 + 300)), .init(.mitigated, .seconds(300)),
                .init(.resolved, .seconds(200 + 300)), .init(.closed, .seconds(100)),
            ])
        #expect(review.durations.toResolve == .seconds(1500))
        #expect(review.durations.total == .seconds(1800))
        #expect(review.reopenings.map(\.text) == ["slow again"])
        #expect(review.resolution?.text == "fixed the leak")
        #expect(review.openQuestions.contains("What was missed before it was reopened at 08:15:00 (slow again)?"))
    }

    @Test func anOpenIncidentsDurationsRunUntilNow() {
        var s = ReviewScript(id: 6, severity: .sev3, title: "Queue backlog", by: F.bob)
        s.run(.identified("consumer stuck"), by: F.alice, at: 120)
        let review = s.review(generatedAt: 420)
        #expect(review.durations.total == .seconds(420) && !review.durations.isFinal)
        #expect(review.durations.inState == [.init(.investigating, .seconds(120)), .init(.identified, .seconds(300))])
        #expect(review.resolution == nil && review.durations.toResolve == nil)
    }

    @Test func sectionsHoldWhatWasRecordedInOrder() {
        let review = F.sev1.review()
        #expect(review.impact.map(\.text) == [
            "Checkout failing for all customers; card payments affected", "Checkout works again through a workaround",
        ])
        #expect(review.steps.map(\.kind) == [.containment, .workaround])
        #expect(review.steps.map(\.event.text) == [
            "drained eu-1 traffic to us-east", "TLS verification off on the proxy, temporarily",
        ])
        #expect(review.tenures.map { "\($0.role)=\($0.holder)" } == ["lead=alice", "comms=bob", "comms=dave", "lead=carol"])
        #expect(review.tenures[0].end == ReviewScript.at(2400) && review.tenures[3].end == nil)
        #expect(review.escalations.map(\.destination) == ["tier 1", "tier 2"])
        #expect(review.escalations.map(\.isAutomatic) == [true, false])
        #expect(review.factors.map(\.author) == ["alice", "bob"])
        #expect(review.lessons.map(\.text) == ["a workaround behind a flag bought us time"])
        #expect(review.rootCause?.text == "the renewal cron was disabled during the March migration")
        #expect(review.keyEvents.contains { $0.tag == "marked" && $0.author == "carol" })
        #expect(!review.keyEvents.contains { $0.text.contains("refused") || $0.author == "sitrep" && $0.tag == nil })
        #expect(review.transcriptLines == F.sev1.entries.count)
    }

    @Test func openQuestionsForTheSev1() {
        #expect(
            F.sev1.review().openQuestions == [
                "What delayed acknowledgement by 14m 5s?",
                "Was the first severity right? severity: SEV2 -> SEV1 (all regions) at 08:00:45",
                "Why was nobody acknowledging before tier 1 was paged at 08:01:45?",
                "Why was it escalated to tier 2?",
                "Recording was interrupted once: is anything missing from the transcript?",
                "Follow-up 4 has no owner: who takes it?",
            ])
    }

    @Test func openQuestionsAskForWhatIsMissing() {
        var s = ReviewScript(id: 9, severity: .sev3, title: "Login slow", by: F.bob)
        s.followUp(1, "add a login latency alert", owner: nil, by: F.bob, at: 30)
        let questions = s.review(generatedAt: 600).openQuestions
        #expect(
            questions == [
                "Why was it never acknowledged?", "Nobody took command (!lead): why?",
                "No stakeholder updates were posted: who needed to know?",
                "No root cause recorded: what caused it? (!cause)",
                "No resolution recorded (the incident is investigating).",
                "No contributing factors recorded: what made it possible or worse? (!factor)",
                "No lessons learned recorded: what do we keep, what do we change? (!lesson)",
                "Follow-up 1 has no owner: who takes it?",
            ])
    }

    @Test(arguments: [(299, false), (300, false), (301, true)])
    func slowAcknowledgementIsAskedAboutOnlyAboveTheThreshold(seconds: Int64, asked: Bool) {
        var s = ReviewScript(id: 9, severity: .sev3, title: "Login slow", by: F.bob)
        s.run(.ack, by: F.alice, at: seconds)
        let questions = s.review(rules: ReviewRules(slowAcknowledgement: .seconds(300))).openQuestions
        #expect(questions.contains { $0.hasPrefix("What delayed acknowledgement") } == asked)
    }

    @Test func theCancelledIncidentAsksOnlyAboutTheCancellationAndOwners() {
        let review = F.cancelledSev4.review()
        #expect(review.cancellation?.text == "false alarm: threshold misconfigured")
        #expect(review.factors.isEmpty, "factors are refused on a cancelled incident")
        #expect(review.durations.total == .seconds(600) && review.durations.isFinal)
        #expect(review.durations.inState == [.init(.investigating, .seconds(600))])
        #expect(
            review.openQuestions == [
                "Follow-up 9 has no owner: who takes it?",
                "Cancelled (false alarm: threshold misconfigured): what would have told us sooner?",
            ])
    }

    @Test func theChatSummaryIsThreeLines() {
        #expect(
            F.sev1.review().chatSummary() == [
                "INC-7 review (closed): acknowledged after 14m 5s, mitigated after 30m, resolved after 1h; total 1h 5m",
                "24 key events, 2 escalations, 2 factors, 1 lesson, 2 of 3 follow-ups open, 6 open questions",
                "full review: sitrep review 7 (Markdown or HTML)",
            ])
    }

    @Test func theTranscriptIsReferencedNotPasted() {
        var review = F.sev1.review()
        review.chainHead = "9f2c1a"
        let markdown = review.markdown()
        #expect(markdown.hasSuffix(
            "The full transcript (\(F.sev1.entries.count) lines, chain head 9f2c1a) is attached separately: "
                + "sitrep export 7.\n"))
        #expect(!markdown.contains("checkout 500s since 07:58"), "an unmarked transcript line is not pasted")
    }
}
