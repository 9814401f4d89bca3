import SitrepCore
import Testing

@Suite struct TimerPlannerEscalationTests {
    typealias T = TimerFixtures

    @Test func tierOneIsDueAtTheAcknowledgeDeadline() throws {
        let timers = T.plan(T.incident(.sev1), T.escalationOnly)
        #expect(
            timers == [
                IncidentTimer(incidentID: 4, kind: .escalation, key: "tier-1", due: T.at(minutes: 5), text: "alice")
            ])
    }

    @Test func withoutAnAcknowledgeDeadlineTierOneUsesItsOwnDelay() {
        let timers = T.plan(T.incident(.sev3), T.escalationOnly)
        #expect(
            timers == [
                IncidentTimer(incidentID: 4, kind: .escalation, key: "tier-1", due: T.at(minutes: 30), text: "team dba")
            ])
    }

    @Test func tiersClimbUntilThePolicyRunsOutIncludingTheRepeat() throws {
        var incident = T.incident(.sev1)
        var fired: Set<IncidentTimer.ID> = []
        var dues: [String: Timestamp] = [:]
        var lateBy: Int64 = 0
        for expected in ["tier-1", "tier-2", "tier-3"] {
            let timer = try #require(T.plan(incident, T.escalationOnly, fired: fired).first)
            #expect(timer.id.key == expected)
            dues[expected] = timer.due
            lateBy += 7
            let firing = T.fire(timer, incident, T.escalationOnly, at: timer.due.adding(.seconds(lateBy)))
            incident = firing.incident
            fired.insert(timer.id)
        }
        #expect(dues["tier-1"] == T.at(minutes: 5))
        // Each later tier counts from when the previous one was actually paged (7 s late, then 14 s late).
        #expect(dues["tier-2"] == T.at(minutes: 15, seconds: 7))
        #expect(dues["tier-3"] == T.at(minutes: 25, seconds: 21))
        #expect(incident.escalationLevel == 3)
        #expect(T.plan(incident, T.escalationOnly, fired: fired).isEmpty)
    }

    @Test func firingATierRecordsLevelAndTimeAndPagesEveryPersonOnce() throws {
        var incident = T.incident(.sev1)
        incident.escalationLevel = 1
        incident.lastEscalatedAt = T.at(minutes: 5)
        let timer = try #require(T.plan(incident, T.escalationOnly).first)
        #expect(timer.text == "bob, team dba")
        let firing = T.fire(timer, incident, T.escalationOnly)
        #expect(firing.incident.escalationLevel == 2)
        #expect(firing.incident.lastEscalatedAt == T.at(minutes: 15))
        #expect(
            firing.channelLines == [
                "PAGE tier 2: bob dave — INC-4 [SEV1] Checkout returns 500s is not acknowledged after 15m; !ack to stop paging"
            ]
        )
        #expect(firing.pages.map(\.person) == [T.bob, T.dave])
        #expect(
            firing.pages.first?.text
                == "You are paged for INC-4 [SEV1] Checkout returns 500s (escalation tier 2) — join #inc-4 and !ack"
        )
        #expect(
            firing.announce == "INC-4 [SEV1] Checkout returns 500s: paged tier 2 (bob dave); not acknowledged after 15m"
        )
        let entry = try #require(firing.entries.first)
        #expect(firing.entries.count == 2)
        #expect(firing.entries.last?.text == "bob, dave paged: responder rights in INC-4 (!ack, notes)")
        #expect(entry.kind == .lifecycle && entry.isKeyEvent && entry.author == "sitrep" && entry.time == timer.due)
        #expect(entry.text == "paged tier 2: bob dave (not acknowledged after 15m)")
        #expect(entry.detail == "escalate=tier2 timer=escalation/tier-2")
    }

    @Test func theRepeatOfTheLastTierSaysSo() throws {
        var incident = T.incident(.sev1)
        incident.escalationLevel = 2
        incident.lastEscalatedAt = T.at(minutes: 15)
        let timer = try #require(T.plan(incident, T.escalationOnly).first)
        #expect(timer.id.key == "tier-3" && timer.due == T.at(minutes: 25))
        #expect(
            T.fire(timer, incident, T.escalationOnly).channelLines.first?.hasPrefix("PAGE tier 2, repeat 1: bob dave")
                == true)
    }

    @Test func ackStopsEscalation() throws {
        let acked = try #require(Fixtures.apply(.ack, to: T.incident(.sev1), at: T.at(minutes: 3)).incident)
        #expect(T.timer(T.plan(acked, T.escalationOnly), .escalation) == nil)
        var paged = T.incident(.sev1)
        paged.escalationLevel = 1
        let ackedLater = try #require(Fixtures.apply(.ack, to: paged, at: T.at(minutes: 7)).incident)
        #expect(T.plan(ackedLater, T.escalationOnly).isEmpty)
    }

    @Test func resolvingStopsEscalation() throws {
        let resolved = try #require(Fixtures.apply(.resolve("rolled back"), to: T.incident(.sev1)).incident)
        #expect(T.timer(T.plan(resolved, T.escalationOnly), .escalation) == nil)
    }

    @Test(arguments: [
        (Severity.sev1, "tier-1", 5 as Int64, "alice"), (.sev2, "tier-1", 30, "team dba"),
        (.sev4, "tier-1", 30, "team dba"),
    ])
    func eachSeverityUsesItsOwnPolicy(severity: Severity, key: String, minutes: Int64, text: String) throws {
        let timer = try #require(T.timer(T.plan(T.incident(severity), T.escalationOnly), .escalation))
        #expect(timer.id.key == key && timer.due == T.at(minutes: minutes) && timer.text == text)
    }

    @Test func aSeverityWithoutAnyPolicyIsNotEscalated() {
        var policy = T.escalationOnly
        policy.defaultEscalation = nil
        #expect(T.plan(T.incident(.sev2), policy).isEmpty)
        #expect(!T.plan(T.incident(.sev1), policy).isEmpty)
    }

    @Test func raisingTheSeverityReplansEscalation() throws {
        let incident = T.incident(.sev2)
        #expect(T.timer(T.plan(incident, T.escalationOnly), .escalation)?.due == T.at(minutes: 30))
        let raised = try #require(Fixtures.apply(.severity(.sev1, reason: "all regions"), to: incident).incident)
        let timer = try #require(T.timer(T.plan(raised, T.escalationOnly), .escalation))
        #expect(timer.due == T.at(minutes: 5) && timer.text == "alice")
    }

    @Test func manualEscalateMovesToTheNextTierAndReArmsTheOneAfter() throws {
        let incident = T.incident(.sev1)
        let escalated = try #require(
            Fixtures.apply(.escalate(target: nil, reason: nil), to: incident, at: T.at(minutes: 2)).incident
        )
        #expect(escalated.escalationLevel == 1 && escalated.lastEscalatedAt == T.at(minutes: 2))
        let pages = TimerPlanner.pages(
            forLevel: escalated.escalationLevel, incident: escalated, policy: T.escalationOnly)
        #expect(pages.map(\.person) == [T.alice])
        let next = try #require(T.plan(escalated, T.escalationOnly).first)
        #expect(next.id.key == "tier-2" && next.due == T.at(minutes: 12))
    }

    @Test func pagesForALevelBeyondThePolicyAreEmpty() {
        #expect(TimerPlanner.pages(forLevel: 4, incident: T.incident(.sev1), policy: T.escalationOnly).isEmpty)
        #expect(TimerPlanner.pages(forLevel: 0, incident: T.incident(.sev1), policy: T.escalationOnly).isEmpty)
    }

    @Test func pageTextIsOneLineEvenWithATitleThatIsNot() {
        var incident = T.incident(.sev1)
        incident.title = "db down\r\nQUIT :bye"
        for page in TimerPlanner.pages(forLevel: 2, incident: incident, policy: T.escalationOnly) {
            #expect(!page.text.contains("\r") && !page.text.contains("\n"))
        }
    }
}
