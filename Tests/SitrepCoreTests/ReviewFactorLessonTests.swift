import SitrepCore
import Testing

@Suite struct ReviewFactorLessonTests {
    typealias F = Fixtures

    @Test(arguments: [IncidentState.investigating, .mitigated, .resolved, .closed])
    func factorsAndLessonsAreRecordedAsTheirOwnKindsUntilAfterClosure(state: IncidentState) throws {
        let factor = F.apply(.factor("no alert on cert expiry"), to: F.incident(state), rights: .responder)
        let entry = try #require(factor.entries.first)
        #expect(entry.kind == .factor && entry.text == "no alert on cert expiry" && entry.isKeyEvent)
        #expect(entry.detail == "factor" && entry.author == "alice")
        #expect(factor.replies == ["incident 4: contributing factor recorded"])
        #expect(factor.incident?.state == state && !factor.topicChanged && factor.announce == nil)
        let lesson = F.apply(.lesson("runbooks need owners"), to: F.incident(state), rights: .responder)
        #expect(lesson.entries.map(\.kind) == [.lesson])
        #expect(lesson.replies == ["incident 4: lesson recorded"])
    }

    @Test func aCancelledIncidentTakesNoFactorsOrLessons() {
        for intent in [IncidentIntent.factor("x"), .lesson("y")] {
            let outcome = F.apply(intent, to: F.incident(.cancelled))
            #expect(outcome.isRefused)
            #expect(outcome.replies.first?.contains("incident 4 is cancelled; commands that work now: !reopen") == true)
        }
    }

    @Test func aStakeholderMayNotRecordFactorsButMayAskForTheReview() {
        let outcome = F.apply(.factor("x"), to: F.incident(.closed), by: F.guest, rights: .stakeholder)
        #expect(outcome.replies == ["guest: only a responder or commander may record contributing factors; you are a stakeholder"])
        #expect(IncidentIntent.postmortem.isQuery && IncidentIntent.postmortem.requiredLevel == .stakeholder)
        #expect(IncidentIntent.factor("x").requiredLevel == .responder)
    }
}
