/// The `/status` summary of an incident: a few sanitised lines, no more than a screen.
public enum IncidentSummary {
    /// Header, times, classification, then the latest update and the review facts when recorded.
    public static func lines(for incident: Incident) -> [String] {
        let lead = incident.lead.map { ChatText.oneLine($0.nick) } ?? "none"
        let priority = incident.priority.map { " · \($0)" } ?? ""
        var lines = [
            "INC-\(incident.id) [\(incident.severity)\(priority)] \(ChatText.oneLine(incident.title)) — "
                + "\(incident.state), lead: \(lead), channel \(ChatText.oneLine(incident.channel.name))",
            times(incident),
        ]
        var facts: [String] = []
        if !incident.services.isEmpty { facts.append("services: \(incident.services.joined(separator: ", "))") }
        if let category = incident.category { facts.append("category: \(category)") }
        if !incident.roles.isEmpty {
            let roles = incident.roles.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.nick)" }
            facts.append("roles: \(roles.joined(separator: ", "))")
        }
        if incident.escalationLevel > 0 { facts.append("escalated to tier \(incident.escalationLevel)") }
        if !facts.isEmpty { lines.append(facts.joined(separator: " · ")) }
        if let update = incident.publicStatus {
            let at = incident.publicStatusAt.map { " (\(CivilTime($0).clock))" } ?? ""
            lines.append("latest update\(at): \(update)")
        }
        if let cause = incident.rootCause { lines.append("root cause: \(cause)") }
        if let resolution = incident.resolution { lines.append("resolution: \(resolution)") }
        return lines.map { ChatText.oneLine($0, limit: 400) }
    }

    /// `declared 12:00:00 UTC by bob; acknowledged after 2m 5s by alice; mitigated after …`.
    private static func times(_ incident: Incident) -> String {
        let start = incident.declaredAt
        var parts = ["declared \(CivilTime(start).clock) UTC by \(incident.declaredBy.nick)"]
        if let acked = incident.acknowledgedAt {
            let by = incident.acknowledgedBy.map { " by \($0.nick)" } ?? ""
            parts.append("acknowledged after \(start.duration(to: acked).chatDescription)\(by)")
        } else {
            parts.append("not acknowledged")
        }
        if let at = incident.mitigatedAt { parts.append("mitigated after \(start.duration(to: at).chatDescription)") }
        if let at = incident.resolvedAt { parts.append("resolved after \(start.duration(to: at).chatDescription)") }
        if let at = incident.closedAt { parts.append("closed after \(start.duration(to: at).chatDescription)") }
        return parts.joined(separator: "; ")
    }
}
