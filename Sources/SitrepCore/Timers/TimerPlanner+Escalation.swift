extension TimerPlanner {
    /// The next escalation tier's timer, while nobody has acknowledged.
    static func escalationTimer(for incident: Incident, policy: TimerPolicy) -> IncidentTimer? {
        guard incident.isLive, incident.acknowledgedAt == nil,
            let escalation = policy.escalation(for: incident.severity)
        else { return nil }
        let level = incident.escalationLevel + 1
        guard let tier = escalation.tier(atLevel: level) else { return nil }
        let due: Timestamp
        if level == 1 {
            let deadline = policy.timers(for: incident.severity).acknowledgeDeadline ?? tier.after
            due = incident.declaredAt.adding(deadline)
        } else {
            due = (incident.lastEscalatedAt ?? incident.declaredAt).adding(tier.after)
        }
        let targets = tier.notify.map(\.description).joined(separator: ", ")
        return IncidentTimer(incidentID: incident.id, kind: .escalation, key: "tier-\(level)", due: due, text: targets)
    }

    /// The direct messages for paging escalation step `level` (1-based; repeats page the last tier again), for
    /// the escalation timer and a manual `!escalate`. Teams are expanded to their members; each person once.
    /// `escalatedBy` (a manual `!escalate`) is named in the text and not paged: they are in the incident already.
    public static func pages(
        forLevel level: Int, incident: Incident, policy: TimerPolicy, escalatedBy: Participant? = nil,
        reason: String? = nil
    ) -> [Page] {
        guard let escalation = policy.escalation(for: incident.severity),
            let tier = escalation.tier(atLevel: level)
        else { return [] }
        let text = PageText.page(
            for: incident, why: "escalation \(tierLabel(level, escalation))", by: escalatedBy?.nick, reason: reason)
        return people(in: tier, policy: policy)
            .filter { person in escalatedBy.map { !$0.identity.isSameIdentity(as: person) } ?? true }
            .map { Page(person: $0, text: text) }
    }

    /// Nil when a manual `!escalate` (to the next tier) can page someone; else the reply saying why it changes
    /// nothing: the severity has no policy, or its last tier (and every repeat) was paged already.
    public static func escalationRefusal(for incident: Incident, policy: TimerPolicy) -> String? {
        guard let escalation = policy.escalation(for: incident.severity), escalation.pageCount > 0 else {
            return PageText.noEscalationPolicy(incident)
        }
        guard incident.escalationLevel >= escalation.pageCount, let last = escalation.tiers.last else { return nil }
        let targets = last.notify.map(\.description).joined(separator: ", ")
        return PageText.lastTierReached(incident, tier: "\(tierLabel(escalation.pageCount, escalation)): \(targets)")
    }

    /// Everyone the incident's escalation has paged so far (the tiers up to its level, teams expanded), each
    /// once: they have responder rights in it.
    public static func pagedPeople(of incident: Incident, policy: TimerPolicy) -> [ChatIdentity] {
        guard let escalation = policy.escalation(for: incident.severity), incident.escalationLevel > 0 else { return [] }
        var seen: Set<ChatIdentity> = []
        return escalation.tiers.prefix(incident.escalationLevel)
            .flatMap { people(in: $0, policy: policy) }
            .filter { seen.insert($0).inserted }
    }

    /// The people a tier pages, teams expanded, each once, in the tier's order.
    static func people(in tier: EscalationPolicy.Tier, policy: TimerPolicy) -> [ChatIdentity] {
        var seen: Set<ChatIdentity> = []
        return tier.notify.flatMap { policy.people($0) }.filter { seen.insert($0).inserted }
    }

    /// `tier 2`, or for a repeat of the last tier `tier 3, repeat 1`.
    static func tierLabel(_ level: Int, _ escalation: EscalationPolicy) -> String {
        let count = escalation.tiers.count
        return level <= count ? "tier \(level)" : "tier \(count), repeat \(level - count)"
    }
}
