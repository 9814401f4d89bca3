/// Plans and fires an incident's timers: escalation tiers, reminders and SLA warnings. Pure and deterministic:
/// no clock, no I/O. The same incident, policy, reminders and fired ids give the same timers (same ids, same
/// dues), so the caller diffs the plan against the stored timers after every change, and replanning after a
/// restart re-arms exactly the timers that were pending.
///
/// "Live" below means open (not closed or cancelled) and not resolved.
///
/// | kind             | planned while                                              | key                 | due |
/// |------------------|------------------------------------------------------------|---------------------|-----|
/// | escalation       | live, not acknowledged, severity has a policy, n ≤ pageCount (n = escalationLevel + 1) | `tier-n` | n = 1: declaredAt + (acknowledgeDeadline ?? tier 1 after); else (lastEscalatedAt ?? declaredAt) + tier n after |
/// | updateDue        | live, `updateEvery` set                                    | `<base ms>-<k>`     | base + k·updateEvery, base = publicStatusAt ?? declaredAt, smallest k not fired |
/// | commanderMissing | live, no lead, `commanderDeadline` set                     | `lead`              | declaredAt + commanderDeadline |
/// | roleUnset        | live, a `requiredRoles` role unfilled, `roleDeadline` set  | the role            | declaredAt + roleDeadline |
/// | sla              | open, priority with a target; response: not acknowledged; resolution: not resolved | `response-warning`, `response-breach`, `resolution-warning`, `resolution-breach` | declaredAt + threshold·target, declaredAt + target |
/// | closeReminder    | resolved, `closeReminderAfter` set                         | `<resolvedAt ms>`   | resolvedAt + closeReminderAfter |
/// | quietCommander   | live SEV1/SEV2 with a lead, `quietCommanderAfter` set      | `nag-<base ms>`, `backup-<base ms>` (only with a backup commander) | base + after, base + 2·after; base = leadLastSpokeAt ?? acknowledgedAt ?? declaredAt |
/// | reminder         | open                                                       | as given (`/remind`) | as given |
///
/// Snooze: a timer due before `snoozedUntil` moves to `snoozedUntil` (same id), except the escalation of a
/// SEV1 incident, which is never snoozed. No id in `fired` is ever planned. Closed and cancelled incidents have
/// no timers. Ties in due time are ordered by kind (table order), then key.
public enum TimerPlanner {
    /// The timers `incident` should have pending, soonest first.
    ///
    /// - Parameters:
    ///   - reminders: the incident's `/remind` timers (others are ignored); kept while the incident is open.
    ///   - fired: ids of the incident's timers that already fired.
    ///   - now: when given, update reminders missed over several periods collapse into the latest one.
    public static func plan(
        for incident: Incident,
        policy: TimerPolicy,
        reminders: [IncidentTimer],
        fired: Set<IncidentTimer.ID>,
        now: Timestamp? = nil
    ) -> [IncidentTimer] {
        guard incident.isOpen else { return [] }
        let settings = policy.timers(for: incident.severity)
        var timers: [IncidentTimer] = []
        if let escalation = escalationTimer(for: incident, policy: policy) {
            timers.append(incident.severity == .sev1 ? escalation : snoozed(escalation, incident))
        }
        var others: [IncidentTimer] = []
        if let update = updateDueTimer(for: incident, settings: settings, fired: fired, now: now) { others.append(update) }
        if let lead = commanderMissingTimer(for: incident, settings: settings) { others.append(lead) }
        others += roleUnsetTimers(for: incident, settings: settings, requiredRoles: policy.requiredRoles)
        others += slaTimers(for: incident, policy: policy)
        if let close = closeReminderTimer(for: incident, settings: settings) { others.append(close) }
        others += quietCommanderTimers(for: incident, settings: settings, commanders: policy.commanders)
        others += reminders.filter { $0.id.incidentID == incident.id && $0.id.kind == .reminder }
        timers += others.map { snoozed($0, incident) }
        return timers.filter { !fired.contains($0.id) }.sorted(by: isSooner)
    }

    /// Soonest first; ties by kind, then key, so the order is deterministic.
    static func isSooner(_ lhs: IncidentTimer, _ rhs: IncidentTimer) -> Bool {
        if lhs.due != rhs.due { return lhs.due < rhs.due }
        if lhs.id.incidentID != rhs.id.incidentID { return lhs.id.incidentID < rhs.id.incidentID }
        let kinds = IncidentTimer.Kind.allCases
        let (left, right) = (kinds.firstIndex(of: lhs.id.kind)!, kinds.firstIndex(of: rhs.id.kind)!)
        return left != right ? left < right : lhs.id.key < rhs.id.key
    }

    /// `timer` moved to the end of the incident's snooze when it would fire during it.
    static func snoozed(_ timer: IncidentTimer, _ incident: Incident) -> IncidentTimer {
        guard let until = incident.snoozedUntil, timer.due < until else { return timer }
        var moved = timer
        moved.due = until
        return moved
    }
}

extension Incident {
    /// Open and not resolved: somebody still has to act on it.
    var isLive: Bool { isOpen && state != .resolved }
}
