extension IncidentReducer.Step {
    /// Applies an action that leaves the state as it is; returns a refusal reason when the intent's own rules
    /// forbid it.
    mutating func record(_ intent: IncidentIntent, rights: Rights, members: [Participant]) -> String? {
        switch intent {
        case .ack: acknowledge()
        case .contain(let text):
            entry("containment: \(text)", detail: .containment)
            reply("\(label): containment step recorded")
        case .update(let text):
            incident.publicStatus = text
            incident.publicStatusAt = time
            entry(text, detail: .update, kind: .update)
            reply("\(label): update posted")
            announce("update from \(who): \(echo(text))")
        case .note(let text):
            entry(text, detail: .note, kind: .note)
            reply("\(label): note recorded")
        case .solution(let text):
            entry(text, detail: .solution, kind: .solution)
            reply("\(label): solution recorded for \(solutionScope)")
        case .mark(let nick):
            entry(
                "\(sender.nick) marked \(nick)'s last message as a key event",
                detail: .mark(nick),
                kind: .mark,
                isKeyEvent: false
            )
            reply("\(label): marking \(echo(nick))'s last message as a key event")
        case .factor(let text):
            entry(text, detail: .factor, kind: .factor)
            reply("\(label): contributing factor recorded")
        case .lesson(let text):
            entry(text, detail: .lesson, kind: .lesson)
            reply("\(label): lesson recorded")
        case .cause(let text):
            incident.rootCause = text
            entry("root cause: \(text)", detail: .cause)
            let next = incident.state == .resolved ? "; \(command: "close") ends it, and the review follows (\(command: "postmortem"))" : ""
            reply("\(label): root cause recorded\(next)")
        case .severity(let severity, let reason): changeSeverity(severity, reason: reason)
        case .priority(let impact, let urgency):
            let priority = configuration.priorityMatrix.priority(impact: impact, urgency: urgency)
            let previous = incident.priority
            let old = previous.map(String.init(describing:)) ?? "none"
            incident.priority = priority
            entry(
                "priority: \(old) -> \(priority) (impact \(impact), urgency \(urgency))",
                detail: .priority(from: previous, to: priority, impact: impact, urgency: urgency)
            )
            reply("\(label): priority \(priority) (impact \(impact), urgency \(urgency))")
        case .category(let category):
            let old = incident.category ?? "none"
            incident.category = category
            entry("category: \(old) -> \(category)", detail: .category(from: old, to: category))
            reply("\(label): category \(echo(category))")
        case .services(let services):
            let old = incident.services.isEmpty ? "none" : incident.services.joined(separator: ", ")
            incident.services = services
            let new = services.joined(separator: ", ")
            entry("services: \(old) -> \(new)", detail: .services(services))
            reply("\(label): affected services \(echo(new))")
        case .lead(let nick): return changeLead(to: nick, rights: rights, members: members)
        case .role(let name, let nick): return assignRole(name, to: nick, members: members)
        case .escalate(let target, let reason): escalate(to: target, reason: reason)
        case .followup(let text, let owner):
            entry(
                "follow-up: \(text)\(parenthesised(owner.map { "owner: \($0)" }))",
                detail: .followup(owner: owner)
            )
            reply("\(label): follow-up recorded\(parenthesised(owner.map { "owner: \(echo($0))" }))")
        case .done(let number):
            entry("follow-up \(number) done", detail: .followupDone(number))
            reply("\(label): follow-up \(number) done")
        case .remind(let after, let text): remind(after: after, text: text)
        case .snooze(let duration): snooze(for: duration)
        default:
            break
        }
        return nil
    }

    /// `checkout, payments` or a hint that without a category or service it will not be suggested.
    private var solutionScope: String {
        let scope = (incident.category.map { [$0] } ?? []) + incident.services
        guard !scope.isEmpty else { return "this incident (set \(command: "category") or \(command: "service") so it is suggested later)" }
        return echo(scope.joined(separator: ", "))
    }

    private mutating func acknowledge() {
        guard let first = incident.acknowledgedAt else {
            incident.acknowledgedAt = time
            incident.acknowledgedBy = sender
            entry("\(sender.nick) acknowledged", detail: .acknowledged)
            reply(
                "\(label) acknowledged by \(who) after \(incident.declaredAt.duration(to: time).chatDescription)"
            )
            return
        }
        let by = incident.acknowledgedBy?.nick ?? "someone"
        entry("\(sender.nick) acknowledged (already acknowledged by \(by))", detail: .acknowledgedAgain)
        reply(
            "\(label) was already acknowledged by \(echo(by)) at \(CivilTime(first).clock); your ack is recorded"
        )
    }

    private mutating func changeSeverity(_ severity: Severity, reason: String?) {
        let old = incident.severity
        guard severity != old else {
            reply("\(label) is already \(severity)")
            return
        }
        incident.severity = severity
        entry(
            "severity: \(old) -> \(severity)\(parenthesised(reason))",
            detail: .severity(from: old, to: severity)
        )
        reply("\(label): \(old) -> \(severity) by \(who)\(parenthesised(reason.map { echo($0) }))")
        announce("severity \(old) -> \(severity) by \(who)\(parenthesised(reason.map { echo($0) }))")
    }

    /// Taking command when nobody leads needs a responder; replacing someone else needs a commander or the lead.
    private mutating func changeLead(
        to nick: String?,
        rights: Rights,
        members: [Participant]
    )
        -> String?
    {
        let new = nick.map { participant(named: $0, members: members) } ?? sender
        let old = incident.lead
        if let old, old.identity.isSameIdentity(as: new.identity) {
            reply("\(echo(new.nick)) already leads \(label)")
            return nil
        }
        if let old, !old.identity.isSameIdentity(as: sender.identity), rights.level < .commander {
            return "only a commander or the lead (\(echo(old.nick))) may hand over command; "
                + "you are \(rights.level.withArticle)"
        }
        incident.lead = new
        let oldName = old?.nick ?? "none"
        entry("lead: \(oldName) -> \(new.nick)", detail: .lead(from: oldName, to: new.nick))
        reply("\(echo(new.nick)) now leads \(label)")
        return nil
    }

    private mutating func assignRole(
        _ name: String,
        to nick: String?,
        members: [Participant]
    )
        -> String?
    {
        let role = name.lowercased()
        guard configuration.roles.contains(role) else {
            return
                "unknown role \(echo(name, limit: 40)); roles: \(configuration.roles.joined(separator: ", "))"
        }
        let holder = nick.map { participant(named: $0, members: members) } ?? sender
        let old = incident.roles[role]?.nick ?? "none"
        incident.roles[role] = holder
        entry("role \(role): \(old) -> \(holder.nick)", detail: .role(role, from: old, to: holder.nick))
        reply("\(label): \(echo(holder.nick)) is \(role)")
        return nil
    }

    private mutating func escalate(to target: String?, reason: String?) {
        let destination: String
        if let target {
            destination = target
            entry("escalated to \(target)\(parenthesised(reason))", detail: .escalatedTo(target))
        } else {
            incident.escalationLevel += 1
            incident.lastEscalatedAt = time
            destination = "tier \(incident.escalationLevel)"
            entry(
                "escalated to \(destination)\(parenthesised(reason))",
                detail: .escalatedToTier(incident.escalationLevel)
            )
        }
        reply("\(label): escalated to \(echo(destination))\(parenthesised(reason.map { echo($0) }))")
        announce("escalated to \(echo(destination)) by \(who)\(parenthesised(reason.map { echo($0) }))")
    }

    /// A member by nick (IRC case-insensitive) or by account (a Matrix user id), else a nick identity on the
    /// incident's network.
    private func participant(named nick: String, members: [Participant]) -> Participant {
        members.first { IRCCase.equal($0.nick, nick) }
            ?? members.first { $0.identity.isAuthenticated && $0.identity.name == nick }
            ?? Participant(identity: .nick(nick, network: incident.channel.network), nick: nick)
    }
}
