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
    /// the escalation timer and a manual `/escalate`. Teams are expanded to their members; each person once.
    public static func pages(forLevel level: Int, incident: Incident, policy: TimerPolicy) -> [Page] {
        guard let escalation = policy.escalation(for: incident.severity),
            let tier = escalation.tier(atLevel: level)
        else { return [] }
        let text = ChatText.oneLine(
            "You are paged for \(IncidentReducer.headline(incident)) (escalation \(tierLabel(level, escalation))) "
                + "— join \(incident.channel.name) and \(command: "ack")",
            limit: 400
        )
        return people(in: tier, policy: policy).map { Page(person: $0, text: text) }
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
