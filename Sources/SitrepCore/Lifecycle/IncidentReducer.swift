/// Applies intents to incidents: pure, deterministic, no I/O. The coordinator stores what comes out (incident
/// and entries in one transaction) and only then sends the replies, the announcement and the new topic.
///
/// Order of checks: permissions (`Permissions.refusal`), then the state machine (`LifecycleMachine`), then
/// the intent's own rules (known role, lead hand-over). Every refusal is recorded on the timeline as a
/// `.refusal` entry.
///
/// Timestamps: the first ack sets `acknowledgedAt`/`acknowledgedBy` (later acks are recorded, nothing moves);
/// the first mitigation sets `mitigatedAt`; resolve sets `resolvedAt` and `resolution`; close sets `closedAt`.
/// Reopen clears `resolvedAt`, `closedAt` and `resolution` (the incident is live again and needs a fresh
/// resolution to close) and keeps `acknowledgedAt`, `mitigatedAt` and `rootCause`; the old values stay on the
/// timeline.
///
/// Some effects need the store and are the coordinator's to finish after committing: `followup` (the store
/// numbers it), `done` (the store completes it), `mark` (the store finds the member's last message; the entry's
/// detail is `mark=<nick>`), `escalate` (notify the target or the next tier). Queries and `declare` pass
/// through `apply` unchanged; use `declare(id:...)` to open an incident.
public enum IncidentReducer {
    /// The result of applying an intent.
    public enum Outcome: Sendable, Equatable {
        /// Store `incident` with `entries`, then send `replies` (to where the command came from), `announce` (to
        /// the announce channel) and, when `topicChanged`, the new `topic(for:)`.
        case changed(
            Incident,
            entries: [TimelineEntry],
            replies: [String],
            announce: String?,
            topicChanged: Bool
        )
        /// Nothing changes; record `entry` and send `reply`.
        case refused(reply: String, entry: TimelineEntry)

        /// The incident after the change (nil when refused).
        public var incident: Incident? {
            if case .changed(let incident, _, _, _, _) = self { return incident }
            return nil
        }

        /// The entries to store, including a refusal's.
        public var entries: [TimelineEntry] {
            switch self {
            case .changed(_, let entries, _, _, _): entries
            case .refused(_, let entry): [entry]
            }
        }

        /// The chat replies, one line each.
        public var replies: [String] {
            switch self {
            case .changed(_, _, let replies, _, _): replies
            case .refused(let reply, _): [reply]
            }
        }

        /// The line for the announce channel, if any.
        public var announce: String? {
            if case .changed(_, _, _, let announce, _) = self { return announce }
            return nil
        }

        /// Whether the incident channel's topic must be set again.
        public var topicChanged: Bool {
            if case .changed(_, _, _, _, let changed) = self { return changed }
            return false
        }

        public var isRefused: Bool {
            if case .refused = self { return true }
            return false
        }
    }

    /// A new incident with the entries and lines that announce it.
    public struct Declaration: Sendable, Equatable {
        public var incident: Incident
        public var entries: [TimelineEntry]
        /// To the declarer (where they declared).
        public var reply: String
        /// To the announce channel.
        public var announce: String
    }

    /// Applies `intent` to `incident` on behalf of `sender`.
    ///
    /// - Parameters:
    ///   - rights: the sender's rights in this incident (`Permissions.rights(for:isChannelOperator:in:)`).
    ///   - members: people known in the channel, to resolve a nick given to `/lead` or `/role` to its identity;
    ///     an unknown nick gets a nick identity.
    public static func apply(
        _ intent: IncidentIntent,
        to incident: Incident,
        by sender: Participant,
        rights: Rights,
        at time: Timestamp,
        configuration: IncidentConfiguration = IncidentConfiguration(),
        members: [Participant] = []
    ) -> Outcome {
        guard let action = intent.action else {
            return .changed(incident, entries: [], replies: [], announce: nil, topicChanged: false)
        }
        var step = Step(incident: incident, sender: sender, time: time, configuration: configuration)
        if let reason = Permissions.refusal(for: action, rights: rights, lead: incident.lead) {
            return step.refuse(action, reason)
        }
        switch LifecycleMachine.decide(action, in: incident.state, facts: .init(incident)) {
        case .refuse(.notAllowed(let state, let allowed)):
            // The way on is a list of commands, written as commands, so it never reads as a list of states.
            let names = allowed.isEmpty ? "none" : allowed.map { CommandHint.command($0.rawValue) }.joined(separator: ", ")
            return step.refuse(
                action,
                "cannot \(action.verb): incident \(incident.id) is \(state); commands that work now: \(names)"
            )
        case .refuse(.missing(let missing)):
            let how = missing.map {
                $0 == "root cause" ? "root cause (\(command: "cause") <text>)" : "resolution (\(command: "resolve") <text>)"
            }
            return step.refuse(
                action,
                "cannot close incident \(incident.id): missing \(how.joined(separator: " and "))"
            )
        case .transition(let from, let to):
            step.transition(intent, from: from, to: to)
        case .record:
            if let reason = step.record(intent, rights: rights, members: members) {
                return step.refuse(action, reason)
            }
        }
        return step.outcome()
    }

    /// Opens incident `id`: state investigating, channel prefix + id, declared by `sender`.
    public static func declare(
        id: Int64,
        severity: Severity?,
        title: String,
        by sender: Participant,
        at time: Timestamp,
        configuration: IncidentConfiguration = IncidentConfiguration()
    ) -> Declaration {
        let severity = severity ?? configuration.defaultSeverity
        let incident = Incident(
            id: id,
            title: title,
            severity: severity,
            channel: configuration.channel(for: id),
            declaredBy: sender,
            declaredAt: time
        )
        let entry = TimelineEntry(
            incidentID: id,
            time: time,
            kind: .lifecycle,
            author: sender.nick,
            account: sender.account,
            text: "declared \(severity): \(title)",
            detail: .declare(severity: severity, state: .investigating),
            isKeyEvent: true
        )
        let channel = ChatText.oneLine(incident.channel.name)
        return Declaration(
            incident: incident,
            entries: [entry],
            reply:
                "\(ChatText.oneLine(sender.nick)): incident \(id) declared (\(severity)); join \(channel)",
            announce:
                "\(headline(incident)): declared by \(ChatText.oneLine(sender.nick)); join \(channel)"
        )
    }

    /// The incident channel's topic: `[SEV2 · investigating · lead: oncall-1] Checkout returns 500s`.
    public static func topic(for incident: Incident) -> String {
        let lead = incident.lead.map { ChatText.oneLine($0.nick) } ?? "none"
        return
            "[\(incident.severity) · \(incident.state) · lead: \(lead)] \(ChatText.oneLine(incident.title))"
    }

    /// `INC-4 [SEV2] Checkout returns 500s`, the start of announcements.
    public static func headline(_ incident: Incident) -> String {
        "INC-\(incident.id) [\(incident.severity)] \(ChatText.oneLine(incident.title, limit: 120))"
    }
}

extension Participant {
    /// The account, when the identity is one (for timeline entries).
    public var account: String? { identity.isAuthenticated ? identity.name : nil }
}
