import SitrepCore

/// The chat replies to read-only commands, each a few one-line strings, pure so they are tested as text.
enum QueryReplies {
    static func incidents(_ open: [Incident]) -> [String] {
        guard !open.isEmpty else { return ["no open incidents"] }
        let shown = open.prefix(10).map { incident in
            let lead = incident.lead.map { ", lead \(ChatText.oneLine($0.nick))" } ?? ""
            return "\(IncidentReducer.headline(incident)) — \(incident.state)\(lead), \(incident.channel.name)"
        }
        let more = open.count > 10 ? ["… and \(open.count - 10) more"] : []
        return ["\(open.count) open incident\(open.count == 1 ? "" : "s"):"] + shown + more
    }

    static func followUps(_ items: [FollowUp]) -> [String] {
        guard !items.isEmpty else { return ["no open follow-ups"] }
        let shown = items.prefix(10).map { item in
            let owner = item.owner.map { " (owner: \(ChatText.oneLine($0)))" } ?? ""
            return "#\(item.id) INC-\(item.incidentID): \(ChatText.oneLine(item.text, limit: 200))\(owner)"
        }
        let more = items.count > 10 ? ["… and \(items.count - 10) more"] : []
        return ["\(items.count) open follow-up\(items.count == 1 ? "" : "s"):"] + shown + more
    }

    static func timeline(_ entries: [TimelineEntry], of incident: Incident) -> [String] {
        guard !entries.isEmpty else { return ["INC-\(incident.id): no key events yet"] }
        return entries.map { entry in
            let author = ChatText.oneLine(entry.author)
            let text = ChatText.oneLine(entry.text, limit: 300)
            // "bob acknowledged" names its actor already: no "bob: " in front of it.
            let who = author.isEmpty || text.hasPrefix(author + " ") ? "" : "\(author): "
            let tag = timelineTag(entry.kind).map { "[\($0)] " } ?? ""
            return "\(CivilTime(entry.time).clock) \(tag)\(who)\(text)"
        }
    }

    /// How `!timeline` marks an entry that is not a lifecycle step, so an update reads apart from a note.
    private static func timelineTag(_ kind: TimelineEntry.Kind) -> String? {
        switch kind {
        case .update: "update"
        case .note: "note"
        case .mark: "key event"
        case .solution: "solution"
        case .factor: "factor"
        case .lesson: "lesson"
        case .alert: "alert"
        case .gap: "gap"
        default: nil
        }
    }

    static func roles(of incident: Incident, known: [String]) -> String {
        let lead = incident.lead.map { ChatText.oneLine($0.nick) } ?? "none"
        let roles = known.map { role in "\(role): \(incident.roles[role].map { ChatText.oneLine($0.nick) } ?? "—")" }
        return "INC-\(incident.id) lead: \(lead); " + roles.joined(separator: ", ")
    }

    static func whoami(_ sender: Participant, rights: Rights) -> String {
        let identity =
            sender.identity.isAuthenticated
            ? "logged in as account \(sender.identity.name)"
            : "not logged in to an account (known only by nick)"
        return "\(ChatText.oneLine(sender.nick)): you are \(identity); rights: \(rights)"
    }

    /// The answer to a command about an incident outside any incident channel; a query may name the incident
    /// instead (`!status 2`), and the answer says so.
    static func notInIncidentChannel(open: [Incident], asking intent: IncidentIntent) -> String {
        let sorted = open.sorted { $0.id < $1.id }
        let channels = sorted.prefix(5).map(\.channel.name)
        let hint = channels.isEmpty ? "no incident is open; \(command: "declare") opens one" : "open: \(channels.joined(separator: ", "))"
        let id = sorted.first?.id ?? 1
        let example: String? =
            switch intent {
            case .status: "\(command: "status") \(id)"
            case .timeline: "\(command: "timeline") INC-\(id)"
            case .roles: "\(command: "roles") \(id)"
            case .timers: "\(command: "timers") \(id)"
            case .postmortem: "\(command: "postmortem") \(id)"
            default: nil
            }
        guard let example else { return "that command works in an incident channel (\(hint))" }
        return "name the incident (\(example)) or ask in its channel (\(hint))"
    }
}
