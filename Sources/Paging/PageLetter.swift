import SitrepCore

/// What a page says outside chat (an email, a push notification through a webhook): a subject line and a plain
/// text that stands on its own, with the acknowledge link first when there is one, since the person may be
/// reading it on a phone away from chat.
public struct PageLetter: Sendable, Equatable {
    public var subject: String
    public var text: String

    /// - Parameters:
    ///   - step: what paged them (`tier-2`, `manual-tier-1`, `manual-…`).
    ///   - round: which repetition of the person's rules this is (1 for the first).
    ///   - ackURL: the signed acknowledge link, when the web side has a public URL and an acknowledge secret.
    ///   - incidentURL: the incident's page on the web side, when it has a public URL.
    ///   - commandPrefix: how commands are typed in the incident's chat (`!`).
    public init(
        incident: Incident, step: String, round: Int, ackURL: String?, incidentURL: String?, commandPrefix: String = "!"
    ) {
        let again = round > 1 ? " (reminder \(round - 1))" : ""
        subject = ChatText.oneLine("[sitrep] \(incident.severity) INC-\(incident.id) needs you\(again): \(incident.title)", limit: 160)
        var lines = [
            "You are paged for \(IncidentReducer.headline(incident)) (\(Self.describe(step))).", "",
        ]
        if let ackURL {
            lines += ["Acknowledge (tells the team you are on it and stops paging):", ackURL, ""]
        }
        lines.append("Or join \(incident.channel.name) and type \(commandPrefix)ack.")
        if let incidentURL { lines += ["", "Status: \(incidentURL)"] }
        if let lead = incident.lead { lines += ["Lead: \(lead.nick)"] }
        lines += ["", "Declared \(CivilTime(incident.declaredAt).clock) UTC by \(incident.declaredBy.nick)."]
        text = lines.joined(separator: "\n") + "\n"
    }

    /// `tier-2` → `escalation tier 2`; `manual-tier-1` → `escalated to tier 1`; anything else → `paged by hand`.
    static func describe(_ step: String) -> String {
        if step.hasPrefix("tier-") { return "escalation tier \(step.dropFirst(5))" }
        if step.hasPrefix("manual-tier-") { return "escalated to tier \(step.dropFirst(12))" }
        return "paged by hand"
    }
}
