/// The non-escalation timers: reminders to the lead and responders, SLA warnings, quiet-commander nags.
extension TimerPlanner {
    /// The next `/update` reminder since the last update (or the declaration). When several periods have
    /// passed by `now` (sitrep was down), only the latest missed one is planned: it fires once, late.
    static func updateDueTimer(
        for incident: Incident,
        settings: SeverityTimers,
        fired: Set<IncidentTimer.ID>,
        now: Timestamp? = nil
    ) -> IncidentTimer? {
        guard incident.isLive, let every = settings.updateEvery, every > .zero else { return nil }
        let base = incident.publicStatusAt ?? incident.declaredAt
        func timer(_ k: Int) -> IncidentTimer {
            IncidentTimer(
                incidentID: incident.id,
                kind: .updateDue,
                key: "\(base.milliseconds)-\(k)",
                due: base.adding(every * k)
            )
        }
        var k = 1
        if let now {
            while timer(k + 1).due <= now { k += 1 }
        }
        while fired.contains(timer(k).id) { k += 1 }
        return timer(k)
    }

    static func commanderMissingTimer(for incident: Incident, settings: SeverityTimers) -> IncidentTimer? {
        guard incident.isLive, incident.lead == nil, let deadline = settings.commanderDeadline else { return nil }
        return IncidentTimer(
            incidentID: incident.id,
            kind: .commanderMissing,
            key: "lead",
            due: incident.declaredAt.adding(deadline)
        )
    }

    static func roleUnsetTimers(
        for incident: Incident,
        settings: SeverityTimers,
        requiredRoles: [String]
    ) -> [IncidentTimer] {
        guard incident.isLive, let deadline = settings.roleDeadline else { return [] }
        var seen: Set<String> = []
        return requiredRoles.map { $0.lowercased() }
            .filter { incident.roles[$0] == nil && seen.insert($0).inserted }
            .map {
                IncidentTimer(
                    incidentID: incident.id,
                    kind: .roleUnset,
                    key: $0,
                    due: incident.declaredAt.adding(deadline)
                )
            }
    }

    /// Warning and breach of the response target (until acknowledged) and of the resolution target (until
    /// resolved). A threshold outside 0 < t < 1 plans no warnings.
    static func slaTimers(for incident: Incident, policy: TimerPolicy) -> [IncidentTimer] {
        guard let priority = incident.priority, let target = policy.slaByPriority[priority] else { return [] }
        var timers: [IncidentTimer] = []
        func add(_ metric: String, _ limit: Duration) {
            if policy.warningThreshold > 0, policy.warningThreshold < 1 {
                let warning = Int64((Double(limit.milliseconds) * policy.warningThreshold).rounded(.down))
                timers.append(
                    IncidentTimer(
                        incidentID: incident.id,
                        kind: .sla,
                        key: "\(metric)-warning",
                        due: incident.declaredAt.adding(.milliseconds(warning))
                    )
                )
            }
            timers.append(
                IncidentTimer(
                    incidentID: incident.id,
                    kind: .sla,
                    key: "\(metric)-breach",
                    due: incident.declaredAt.adding(limit)
                )
            )
        }
        if incident.acknowledgedAt == nil { add("response", target.response) }
        if incident.resolvedAt == nil { add("resolution", target.resolution) }
        return timers
    }

    static func closeReminderTimer(for incident: Incident, settings: SeverityTimers) -> IncidentTimer? {
        guard incident.state == .resolved, let resolvedAt = incident.resolvedAt,
            let after = settings.closeReminderAfter
        else { return nil }
        return IncidentTimer(
            incidentID: incident.id,
            kind: .closeReminder,
            key: "\(resolvedAt.milliseconds)",
            due: resolvedAt.adding(after)
        )
    }

    /// Nag the lead after `quietCommanderAfter` of silence; page the backup commander after twice that (only
    /// planned when there is a backup: the first configured commander who is not the lead).
    static func quietCommanderTimers(
        for incident: Incident,
        settings: SeverityTimers,
        commanders: [ChatIdentity]
    ) -> [IncidentTimer] {
        guard incident.isLive, incident.severity <= .sev2, let lead = incident.lead,
            let after = settings.quietCommanderAfter
        else { return [] }
        let base = quietSince(incident)
        var timers = [
            IncidentTimer(
                incidentID: incident.id,
                kind: .quietCommander,
                key: "nag-\(base.milliseconds)",
                due: base.adding(after)
            )
        ]
        if let backup = backupCommander(for: lead, commanders: commanders) {
            timers.append(
                IncidentTimer(
                    incidentID: incident.id,
                    kind: .quietCommander,
                    key: "backup-\(base.milliseconds)",
                    due: base.adding(after * 2),
                    text: backup.name
                )
            )
        }
        return timers
    }

    /// When the lead's silence started: their last line, else the ack, else the declaration.
    static func quietSince(_ incident: Incident) -> Timestamp {
        incident.leadLastSpokeAt ?? incident.acknowledgedAt ?? incident.declaredAt
    }

    /// The first configured commander who is not the lead.
    static func backupCommander(for lead: Participant, commanders: [ChatIdentity]) -> ChatIdentity? {
        commanders.first { !$0.isSameIdentity(as: lead.identity) }
    }
}
