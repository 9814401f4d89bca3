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
            let who = entry.author.isEmpty ? "" : "\(ChatText.oneLine(entry.author)): "
            return "\(CivilTime(entry.time).clock) \(who)\(ChatText.oneLine(entry.text, limit: 300))"
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

    static func notInIncidentChannel(open: [Incident]) -> String {
        let channels = open.sorted { $0.id < $1.id }.prefix(5).map(\.channel.name)
        let hint = channels.isEmpty ? "no incident is open; /declare opens one" : "open: \(channels.joined(separator: ", "))"
        return "that command works in an incident channel (\(hint))"
    }
}
