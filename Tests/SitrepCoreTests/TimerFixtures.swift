import SitrepCore

/// A timer policy and helpers the planner tests share; times are offsets from `Fixtures.declaredAt`.
enum TimerFixtures {
    static let alice = ChatIdentity.account("alice")
    static let bob = ChatIdentity.account("bob")
    static let carol = ChatIdentity.account("carol")
    static let dave = ChatIdentity.account("dave")
    static let t0 = Fixtures.declaredAt

    static func at(minutes: Int64, seconds: Int64 = 0) -> Timestamp { t0.adding(.seconds(minutes * 60 + seconds)) }

    static let sev1Escalation = EscalationPolicy(
        name: "sev1",
        tiers: [
            .init(notify: [.person(alice)], after: .seconds(120)),
            .init(notify: [.person(bob), .team("dba")], after: .seconds(600)),
        ],
        repeatLast: 1
    )
    static let defaultEscalation = EscalationPolicy(
        name: "default",
        tiers: [.init(notify: [.team("dba")], after: .seconds(1800))]
    )

    /// Escalation only: SEV1 tiers with a 5m acknowledge deadline, the default policy for the rest.
    static let escalationOnly = TimerPolicy(
        escalationBySeverity: [.sev1: sev1Escalation],
        defaultEscalation: defaultEscalation,
        timersBySeverity: [.sev1: SeverityTimers(acknowledgeDeadline: .seconds(300))],
        teams: ["dba": [dave, bob]],
        commanders: [alice, carol]
    )

    /// Every kind of timer configured.
    static let full = TimerPolicy(
        escalationBySeverity: [.sev1: sev1Escalation],
        defaultEscalation: defaultEscalation,
        timersBySeverity: [
            .sev1: SeverityTimers(
                acknowledgeDeadline: .seconds(300), updateEvery: .seconds(900), commanderDeadline: .seconds(300),
                roleDeadline: .seconds(600), closeReminderAfter: .seconds(3600), quietCommanderAfter: .seconds(600)
            ),
            .sev2: SeverityTimers(updateEvery: .seconds(1800), quietCommanderAfter: .seconds(900)),
            .sev3: SeverityTimers(updateEvery: .seconds(3600), quietCommanderAfter: .seconds(900)),
        ],
        slaByPriority: [.p1: SLATarget(response: .seconds(900), resolution: .seconds(4 * 3600))],
        teams: ["dba": [dave, bob]],
        commanders: [alice, carol],
        requiredRoles: ["comms", "scribe"]
    )

    /// Incident 4, `severity`, declared by bob at `t0`.
    static func incident(_ severity: Severity = .sev1, _ state: IncidentState = .investigating) -> Incident {
        var incident = Fixtures.incident(state)
        incident.severity = severity
        return incident
    }

    static func plan(
        _ incident: Incident,
        _ policy: TimerPolicy = full,
        reminders: [IncidentTimer] = [],
        fired: Set<IncidentTimer.ID> = []
    ) -> [IncidentTimer] {
        TimerPlanner.plan(for: incident, policy: policy, reminders: reminders, fired: fired)
    }

    /// `kind/key` of each timer, in plan order.
    static func names(_ timers: [IncidentTimer]) -> [String] {
        timers.map { "\($0.id.kind.rawValue)/\($0.id.key)" }
    }

    static func timer(_ timers: [IncidentTimer], _ kind: IncidentTimer.Kind, _ key: String? = nil) -> IncidentTimer? {
        timers.first { $0.id.kind == kind && (key == nil || $0.id.key == key) }
    }

    static func fire(
        _ timer: IncidentTimer,
        _ incident: Incident,
        _ policy: TimerPolicy = full,
        at now: Timestamp? = nil
    ) -> TimerFiring {
        TimerPlanner.fire(timer, for: incident, policy: policy, at: now ?? timer.due, botNick: "sitrep")
    }

    static func id(_ kind: IncidentTimer.Kind, _ key: String) -> IncidentTimer.ID {
        IncidentTimer.ID(incidentID: 4, kind: kind, key: key)
    }
}
