import SitrepCore
import Testing

@Suite struct TimerPlannerReminderTests {
    typealias T = TimerFixtures
    static let t0ms = Fixtures.declaredAt.milliseconds

    /// A SEV1 incident acknowledged at 1m, led by alice, with both required roles: only update reminders and the
    /// quiet-commander timers remain.
    static func handled(_ severity: Severity = .sev1) -> Incident {
        var incident = T.incident(severity)
        incident.acknowledgedAt = T.at(minutes: 1)
        incident.lead = Fixtures.alice
        incident.roles = ["comms": Fixtures.bob, "scribe": Fixtures.bob]
        return incident
    }

    @Test func aFreshSev1IncidentGetsEveryKindOfTimerSoonestFirst() {
        var incident = T.incident(.sev1)
        incident.priority = .p1
        let reminder = IncidentTimer(incidentID: 4, kind: .reminder, key: "1", due: T.at(minutes: 7), text: "check lag")
        #expect(
            T.names(T.plan(incident, reminders: [reminder])) == [
                "escalation/tier-1", "commanderMissing/lead", "reminder/1", "roleUnset/comms", "roleUnset/scribe",
                "sla/response-warning", "updateDue/\(Self.t0ms)-1", "sla/response-breach",
                "sla/resolution-warning", "sla/resolution-breach",
            ]
        )
    }

    @Test func updateRemindersFollowTheCadenceUntilAnUpdateStartsItOver() throws {
        let incident = Self.handled()
        let first = try #require(T.timer(T.plan(incident), .updateDue))
        #expect(first.id.key == "\(Self.t0ms)-1" && first.due == T.at(minutes: 15))
        let second = try #require(T.timer(T.plan(incident, fired: [first.id]), .updateDue))
        #expect(second.id.key == "\(Self.t0ms)-2" && second.due == T.at(minutes: 30))
        let updated = try #require(
            Fixtures.apply(.update("rolled back"), to: incident, at: T.at(minutes: 20)).incident
        )
        let afterUpdate = try #require(T.timer(T.plan(updated, fired: [first.id]), .updateDue))
        #expect(afterUpdate.id.key == "\(T.at(minutes: 20).milliseconds)-1" && afterUpdate.due == T.at(minutes: 35))
    }

    @Test func updateRemindersMissedWhileDownCollapseIntoOneLateReminder() throws {
        let incident = Self.handled()
        let now = T.at(minutes: 50)
        let plan = TimerPlanner.plan(for: incident, policy: T.full, reminders: [], fired: [], now: now)
        let late = try #require(T.timer(plan, .updateDue))
        #expect(late.due == T.at(minutes: 45), "the latest missed period, not the first of three")
        let next = TimerPlanner.plan(for: incident, policy: T.full, reminders: [], fired: [late.id], now: now)
        #expect(T.timer(next, .updateDue)?.due == T.at(minutes: 60), "then the cadence goes on")
    }

    @Test func theUpdateReminderAddressesTheLead() throws {
        var incident = Self.handled()
        let timer = try #require(T.timer(T.plan(incident), .updateDue))
        #expect(
            T.fire(timer, incident).channelLines
                == ["alice: stakeholders are due an update (none since the declaration); !update <text>"]
        )
        incident.publicStatusAt = T.at(minutes: 2)
        let later = try #require(T.timer(T.plan(incident), .updateDue))
        #expect(
            T.fire(later, incident).channelLines
                == ["alice: stakeholders are due an update (last one 15m ago); !update <text>"]
        )
    }

    @Test func severityChangeReplansTheCadence() throws {
        let incident = Self.handled(.sev2)
        #expect(T.timer(T.plan(incident), .updateDue)?.due == T.at(minutes: 30))
        let raised = try #require(Fixtures.apply(.severity(.sev1, reason: nil), to: incident).incident)
        #expect(T.timer(T.plan(raised), .updateDue)?.due == T.at(minutes: 15))
        let lowered = try #require(Fixtures.apply(.severity(.sev4, reason: nil), to: incident).incident)
        #expect(T.plan(lowered).isEmpty)
    }

    @Test func aMissingCommanderIsRemindedOnceUntilSomebodyLeads() throws {
        let incident = T.incident(.sev1)
        let timer = try #require(T.timer(T.plan(incident), .commanderMissing))
        #expect(timer.id.key == "lead" && timer.due == T.at(minutes: 5))
        #expect(T.fire(timer, incident).channelLines == ["nobody leads INC-4 after 5m; !lead to take command"])
        #expect(T.timer(T.plan(incident, fired: [timer.id]), .commanderMissing) == nil)
        let led = try #require(Fixtures.apply(.lead(nick: nil), to: incident).incident)
        #expect(T.timer(T.plan(led), .commanderMissing) == nil)
    }

    @Test func eachUnsetRequiredRoleIsReminded() throws {
        var incident = T.incident(.sev1)
        incident.roles["scribe"] = Fixtures.bob
        let timers = T.plan(incident).filter { $0.id.kind == .roleUnset }
        #expect(timers == [IncidentTimer(incidentID: 4, kind: .roleUnset, key: "comms", due: T.at(minutes: 10))])
        #expect(T.fire(timers[0], incident).channelLines == ["INC-4 has no comms after 10m; !role comms <nick>"])
    }

    @Test func slaWarnsAndBreachesOnceEach() throws {
        var incident = T.incident(.sev3)
        incident.priority = .p1
        let timers = T.plan(incident, T.full)
        #expect(
            timers.filter { $0.id.kind == .sla }.map { "\($0.id.key)@\($0.due.milliseconds - Self.t0ms)" } == [
                "response-warning@720000", "response-breach@900000", "resolution-warning@11520000",
                "resolution-breach@14400000",
            ]
        )
        let warning = try #require(T.timer(timers, .sla, "response-warning"))
        let firing = T.fire(warning, incident)
        #expect(firing.channelLines == ["SLA warning: INC-4 (P1) response target 15m, 12m elapsed"])
        #expect(firing.announce == nil)
        #expect(firing.entries.map(\.text) == ["SLA warning: response target 15m (P1), 12m elapsed"])
        let breach = try #require(T.timer(timers, .sla, "response-breach"))
        let breached = T.fire(breach, incident)
        #expect(breached.channelLines == ["SLA breach: INC-4 (P1) response target 15m missed, 15m elapsed"])
        #expect(breached.announce == "INC-4 [SEV3] Checkout returns 500s: SLA breach: response target 15m (P1) missed")
        let after = T.plan(incident, T.full, fired: [warning.id, breach.id])
        #expect(T.names(after.filter { $0.id.kind == .sla }) == ["sla/resolution-warning", "sla/resolution-breach"])
    }

    @Test func ackEndsTheResponseTargetAndResolvingTheResolutionTarget() throws {
        var incident = T.incident(.sev3)
        incident.priority = .p1
        let acked = try #require(Fixtures.apply(.ack, to: incident).incident)
        #expect(
            T.names(T.plan(acked).filter { $0.id.kind == .sla }) == ["sla/resolution-warning", "sla/resolution-breach"])
        let resolved = try #require(Fixtures.apply(.resolve("fixed"), to: acked).incident)
        #expect(T.plan(resolved).filter { $0.id.kind == .sla }.isEmpty)
    }

    @Test func aPriorityWithoutATargetHasNoSLATimers() {
        var incident = T.incident(.sev3)
        incident.priority = .p3
        #expect(T.plan(incident).allSatisfy { $0.id.kind != .sla })
    }

    @Test func aResolvedIncidentIsRemindedToCloseAndNothingElse() throws {
        let resolved = try #require(
            Fixtures.apply(.resolve("rolled back"), to: Self.handled(), at: T.at(minutes: 40)).incident
        )
        let timers = T.plan(resolved)
        #expect(
            timers == [
                IncidentTimer(
                    incidentID: 4, kind: .closeReminder, key: "\(T.at(minutes: 40).milliseconds)",
                    due: T.at(minutes: 100))
            ]
        )
        #expect(
            T.fire(timers[0], resolved).channelLines
                == ["alice: INC-4 is resolved but not closed; record !cause and !close"]
        )
        var withCause = resolved
        withCause.rootCause = "expired cert"
        #expect(
            T.fire(timers[0], withCause).channelLines
                == ["alice: INC-4 is resolved but not closed; !close ends it, and the review follows (!postmortem)"]
        )
    }

    @Test func aQuietCommanderIsNaggedThenTheBackupIsPaged() throws {
        var incident = Self.handled()
        incident.leadLastSpokeAt = T.at(minutes: 2)
        let timers = T.plan(incident).filter { $0.id.kind == .quietCommander }
        let base = T.at(minutes: 2).milliseconds
        #expect(
            timers == [
                IncidentTimer(incidentID: 4, kind: .quietCommander, key: "nag-\(base)", due: T.at(minutes: 12)),
                IncidentTimer(
                    incidentID: 4, kind: .quietCommander, key: "backup-\(base)", due: T.at(minutes: 22), text: "carol"),
            ]
        )
        let nag = T.fire(timers[0], incident)
        #expect(
            nag.channelLines == [
                "alice: you have been quiet in #inc-4 for 10m; post where things stand, or hand over with !lead <nick>"
            ]
        )
        #expect(nag.pages.isEmpty)
        let backup = T.fire(timers[1], incident)
        #expect(
            backup.channelLines == ["alice has been quiet for 20m; paging backup commander carol to take over (!lead)"])
        #expect(backup.pages.map(\.person) == [T.carol])
        #expect(
            backup.pages.first?.text
                == "INC-4 [SEV1] Checkout returns 500s: the lead alice has been quiet for 20m; join #inc-4 and take command with !lead if needed"
        )
        let entry = try #require(backup.entries.first)
        #expect(entry.text == "offered command to backup commander carol (lead alice quiet for 20m)")
        #expect(entry.detail?.encoded == "handoff-offer=carol timer=quietCommander/backup-\(base)" && entry.isKeyEvent)
    }

    @Test func theLeadSpeakingRestartsTheQuietClock() throws {
        var incident = Self.handled()
        let before = T.plan(incident).filter { $0.id.kind == .quietCommander }
        #expect(before.first?.due == T.at(minutes: 11))  // from the ack at 1m
        incident.leadLastSpokeAt = T.at(minutes: 9)
        let after = T.plan(incident).filter { $0.id.kind == .quietCommander }
        #expect(after.map(\.due) == [T.at(minutes: 19), T.at(minutes: 29)])
        #expect(Set(after.map(\.id)).isDisjoint(with: before.map(\.id)))
    }

    @Test func theBackupIsTheFirstCommanderWhoIsNotTheLead() throws {
        var incident = Self.handled()
        incident.lead = Participant(identity: .account("carol"), nick: "carol")
        #expect(T.timer(T.plan(incident), .quietCommander, "backup-\(T.at(minutes: 1).milliseconds)")?.text == "alice")
        var policy = T.full
        policy.commanders = [T.carol]
        #expect(T.plan(incident, policy).filter { $0.id.kind == .quietCommander }.count == 1)
    }

    @Test(arguments: [Severity.sev3, .sev4])
    func onlySev1AndSev2CommandersAreWatched(severity: Severity) {
        #expect(T.plan(Self.handled(severity)).allSatisfy { $0.id.kind != .quietCommander })
    }

    @Test func remindersStayWhileOpenAndFireWithTheirText() throws {
        let reminder = IncidentTimer(
            incidentID: 4, kind: .reminder, key: "3", due: T.at(minutes: 20), text: "check the replica lag")
        let other = IncidentTimer(incidentID: 5, kind: .reminder, key: "1", due: T.at(minutes: 1), text: "x")
        let resolved = try #require(Fixtures.apply(.resolve("fixed"), to: T.incident(.sev4)).incident)
        #expect(T.plan(resolved, reminders: [reminder, other]) == [reminder])
        #expect(T.fire(reminder, resolved).channelLines == ["reminder: check the replica lag"])
        let closed = T.incident(.sev4, .closed)
        #expect(T.plan(closed, reminders: [reminder]).isEmpty)
        #expect(T.plan(resolved, reminders: [reminder], fired: [reminder.id]).isEmpty)
    }

    @Test(arguments: [IncidentState.closed, .cancelled])
    func closedAndCancelledIncidentsHaveNoTimers(state: IncidentState) {
        var incident = T.incident(.sev1, state)
        incident.priority = .p1
        let reminder = IncidentTimer(incidentID: 4, kind: .reminder, key: "1", due: T.at(minutes: 1))
        #expect(T.plan(incident, reminders: [reminder]).isEmpty)
    }
}
