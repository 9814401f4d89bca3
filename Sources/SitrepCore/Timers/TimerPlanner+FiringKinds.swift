/// The wording and effects of each timer kind (see the table on `TimerPlanner.fire`).
extension TimerPlanner.Firing {
    mutating func escalate() {
        let level = Int(timer.id.key.dropFirst("tier-".count)) ?? incident.escalationLevel + 1
        result.incident.escalationLevel = level
        result.incident.lastEscalatedAt = now
        guard let escalation = policy.escalation(for: incident.severity),
            let tier = escalation.tier(atLevel: level)
        else {
            record("escalation tier \(level) due, but the \(incident.severity) policy has no such tier")
            return
        }
        let label = TimerPlanner.tierLabel(level, escalation)
        let people = TimerPlanner.people(in: tier, policy: policy)
        let names =
            people.isEmpty
            ? tier.notify.map(\.description).joined(separator: ", ") + " (nobody to page)"
            : people.map(\.name).joined(separator: " ")
        let waited = since(incident.declaredAt)
        say("PAGE \(label): \(names) — \(headline) is not acknowledged after \(waited); \(command: "ack") to stop paging")
        result.pages = TimerPlanner.pages(forLevel: level, incident: incident, policy: policy)
        record("paged \(label): \(names) (not acknowledged after \(waited))", detail: .escalatedToTier(level))
        if !people.isEmpty {
            result.entries.append(
                TimelineEntry(
                    incidentID: incident.id, time: now, kind: .lifecycle, author: botNick,
                    text: PageText.rightsGranted(people.map(\.name), in: incident), detail: .rightsPaged))
        }
        announce("paged \(label) (\(names)); not acknowledged after \(waited)")
    }

    mutating func remindUpdate() {
        let who = addressee(or: name)
        let last = incident.publicStatusAt.map { "last one \(since($0)) ago" } ?? "none since the declaration"
        say("\(who): stakeholders are due an update (\(last)); \(command: "update") <text>")
        record("update reminder to \(who) (\(last))")
    }

    mutating func remindCommander() {
        let waited = since(incident.declaredAt)
        say("nobody leads \(name) after \(waited); \(command: "lead") to take command")
        record("reminder: nobody leads after \(waited)")
    }

    mutating func remindRole() {
        let role = ChatText.oneLine(timer.id.key, limit: 40)
        let waited = since(incident.declaredAt)
        say("\(name) has no \(role) after \(waited); \(command: "role") \(role) <nick>")
        record("reminder: role \(role) unset after \(waited)")
    }

    mutating func warnSLA() {
        let parts = timer.id.key.split(separator: "-")
        let metric = parts.first.map(String.init) ?? "response"
        let isBreach = parts.last == "breach"
        let priority = incident.priority.map(String.init(describing:)) ?? "no priority"
        let target = incident.priority.flatMap { policy.slaByPriority[$0] }
        let limit = (metric == "response" ? target?.response : target?.resolution)?.chatDescription ?? "?"
        let elapsed = since(incident.declaredAt)
        if isBreach {
            say("SLA breach: \(name) (\(priority)) \(metric) target \(limit) missed, \(elapsed) elapsed")
            record("SLA breach: \(metric) target \(limit) (\(priority)) missed after \(elapsed)")
            announce("SLA breach: \(metric) target \(limit) (\(priority)) missed")
        } else {
            say("SLA warning: \(name) (\(priority)) \(metric) target \(limit), \(elapsed) elapsed")
            record("SLA warning: \(metric) target \(limit) (\(priority)), \(elapsed) elapsed")
        }
    }

    mutating func remindClose() {
        let who = addressee(or: incident.declaredBy.nick)
        let next = incident.rootCause == nil ? "record \(command: "cause") and \(command: "close")" : "\(command: "close") ends it, and the review follows (\(command: "postmortem"))"
        say("\(who): \(name) is resolved but not closed; \(next)")
        record("close reminder to \(who)")
    }

    mutating func nagQuietCommander() {
        let lead = addressee(or: "the lead")
        let quiet = since(TimerPlanner.quietSince(incident))
        guard timer.id.key.hasPrefix("backup-") else {
            say(
                "\(lead): you have been quiet in \(incident.channel.name) for \(quiet); "
                    + "post where things stand, or hand over with \(command: "lead") <nick>")
            record("quiet-commander nag to \(lead) (quiet for \(quiet))")
            return
        }
        guard let leader = incident.lead,
            let backup = TimerPlanner.backupCommander(for: leader, commanders: policy.commanders)
        else {
            say("\(lead) has been quiet for \(quiet) and no backup commander is configured")
            record("lead \(lead) quiet for \(quiet); no backup commander to page")
            return
        }
        let backupName = ChatText.oneLine(backup.name, limit: 64)
        say("\(lead) has been quiet for \(quiet); paging backup commander \(backupName) to take over (\(command: "lead"))")
        result.pages = [
            Page(
                person: backup,
                text: ChatText.oneLine(
                    "\(headline): the lead \(lead) has been quiet for \(quiet); join \(incident.channel.name) "
                        + "and take command with \(command: "lead") if needed",
                    limit: 400
                )
            )
        ]
        record(
            "offered command to backup commander \(backupName) (lead \(lead) quiet for \(quiet))",
            detail: .handoffOffer(backup.name)
        )
    }

    mutating func remind() {
        let text = ChatText.oneLine(timer.text ?? "(no text)", limit: 300)
        say("reminder: \(text)")
        record("reminder: \(text)")
    }
}
