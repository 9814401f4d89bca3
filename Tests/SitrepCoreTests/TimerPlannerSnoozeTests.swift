import SitrepCore
import Testing

@Suite struct TimerPlannerSnoozeTests {
    typealias T = TimerFixtures

    static func busy(_ severity: Severity) -> Incident {
        var incident = T.incident(severity)
        incident.priority = .p1
        return incident
    }

    @Test func snoozeMovesEverythingOfASev2IncidentButKeepsTheIds() throws {
        let incident = Self.busy(.sev2)
        let snoozed = try #require(
            Fixtures.apply(.snooze(.seconds(3600)), to: incident, at: T.at(minutes: 10)).incident
        )
        #expect(snoozed.snoozedUntil == T.at(minutes: 70))
        let before = T.plan(incident)
        let after = T.plan(snoozed)
        #expect(Set(after.map(\.id)) == Set(before.map(\.id)))
        for timer in after {
            let original = try #require(before.first { $0.id == timer.id })
            #expect(timer.due == max(original.due, T.at(minutes: 70)), "\(timer.id)")
        }
        #expect(T.timer(after, .escalation)?.due == T.at(minutes: 70))
    }

    @Test func sev1EscalationIsNotSnoozedButItsRemindersAre() throws {
        let incident = Self.busy(.sev1)
        let snoozed = try #require(
            Fixtures.apply(.snooze(.seconds(3600)), to: incident, at: T.at(minutes: 1)).incident
        )
        let timers = T.plan(snoozed)
        #expect(T.timer(timers, .escalation)?.due == T.at(minutes: 5))
        #expect(T.timer(timers, .commanderMissing)?.due == T.at(minutes: 61))
        #expect(T.timer(timers, .updateDue)?.due == T.at(minutes: 61))
        #expect(T.timer(timers, .sla, "response-breach")?.due == T.at(minutes: 61))
        #expect(T.timer(timers, .sla, "resolution-breach")?.due == T.at(minutes: 240))
    }

    @Test func snoozeRepliesSayWhetherEscalationWaits() {
        let sev1 = Fixtures.apply(.snooze(.seconds(1800)), to: T.incident(.sev1), at: T.at(minutes: 0))
        #expect(sev1.replies == ["incident 4: snoozed reminders until 08:30:00 UTC (SEV1 escalation is not snoozed)"])
        #expect(sev1.entries.map(\.text) == ["snoozed reminders for 30m (until 08:30:00 UTC)"])
        #expect(sev1.entries.first?.kind == .lifecycle)
        let sev3 = Fixtures.apply(.snooze(.seconds(1800)), to: T.incident(.sev3), at: T.at(minutes: 0))
        #expect(sev3.replies == ["incident 4: snoozed reminders until 08:30:00 UTC (escalation pages wait too)"])
    }

    @Test func remindIsRecordedForTheCoordinatorToArm() {
        let outcome = Fixtures.apply(
            .remind(after: .seconds(900), text: "check the replica lag"), to: T.incident(.sev2), at: T.at(minutes: 0)
        )
        #expect(outcome.entries.map(\.text) == ["reminder set for 15m: check the replica lag"])
        #expect(outcome.replies == ["incident 4: reminder set for 15m (08:15:00 UTC): check the replica lag"])
        #expect(outcome.incident == T.incident(.sev2))
    }

    @Test(arguments: [IncidentIntent.remind(after: .seconds(60), text: "x"), .snooze(.seconds(60))])
    func remindAndSnoozeNeedAResponderAndAnOpenIncident(intent: IncidentIntent) {
        #expect(Fixtures.apply(intent, to: T.incident(), rights: .stakeholder).isRefused)
        #expect(!Fixtures.apply(intent, to: T.incident(.sev2, .resolved), rights: .responder).isRefused)
        #expect(Fixtures.apply(intent, to: T.incident(.sev2, .closed)).isRefused)
        #expect(IncidentIntent.timers.isQuery && IncidentIntent.timers.requiredLevel == .stakeholder)
    }
}

@Suite struct TimerPlannerGuaranteeTests {
    typealias T = TimerFixtures

    static var incidents: [Incident] {
        var busy = T.incident(.sev1)
        busy.priority = .p1
        var led = busy
        led.lead = Fixtures.alice
        led.leadLastSpokeAt = T.at(minutes: 3)
        var resolved = led
        resolved.state = .resolved
        resolved.resolvedAt = T.at(minutes: 50)
        var snoozed = busy
        snoozed.severity = .sev2
        snoozed.snoozedUntil = T.at(minutes: 45)
        return [busy, led, resolved, snoozed]
    }

    @Test(arguments: incidents)
    func planningIsDeterministic(incident: Incident) {
        let reminders = [IncidentTimer(incidentID: 4, kind: .reminder, key: "1", due: T.at(minutes: 9), text: "x")]
        let first = T.plan(incident, reminders: reminders)
        #expect(!first.isEmpty)
        #expect(T.plan(incident, reminders: reminders.reversed()) == first)
        #expect(zip(first, first.dropFirst()).allSatisfy { $0.due <= $1.due })
    }

    @Test(arguments: incidents)
    func firedIdsAreNeverPlannedAgain(incident: Incident) {
        var fired: Set<IncidentTimer.ID> = []
        // Fire whatever is planned first, over and over, without changing the incident: nothing comes back.
        for _ in 0..<50 {
            guard let next = T.plan(incident, fired: fired).first else { break }
            #expect(!fired.contains(next.id))
            fired.insert(next.id)
        }
        for timer in T.plan(incident, fired: fired) { #expect(!fired.contains(timer.id)) }
    }

    @Test func aTimerFiredLateSaysByHowMuch() throws {
        let incident = T.incident(.sev1)
        let timer = try #require(T.plan(incident, T.escalationOnly).first)
        let late = T.fire(timer, incident, T.escalationOnly, at: timer.due.adding(.seconds(123)))
        #expect(late.lateness == .seconds(123))
        #expect(late.entries.first?.text.hasSuffix("(late by 2m 3s)") == true)
        #expect(late.channelLines.first?.hasSuffix("!ack to stop paging (late by 2m 3s)") == true)
        let onTime = T.fire(timer, incident, T.escalationOnly, at: timer.due.adding(.milliseconds(900)))
        #expect(onTime.lateness == .milliseconds(900))
        #expect(onTime.entries.first?.text.contains("late by") == false)
        let early = T.fire(timer, incident, T.escalationOnly, at: timer.due.adding(.seconds(-5)))
        #expect(early.lateness == .zero)
    }

    @Test func firingAReminderChangesNothingButRecordsIt() throws {
        let incident = T.incident(.sev1)
        let timer = try #require(T.timer(T.plan(incident), .commanderMissing))
        let firing = T.fire(timer, incident)
        #expect(firing.incident == incident)
        #expect(firing.entries.count == 1 && firing.entries[0].kind == .lifecycle && firing.entries[0].isKeyEvent)
        #expect(firing.entries[0].detail == "timer=commanderMissing/lead")
        #expect(firing.pages.isEmpty && firing.announce == nil)
    }
}
