extension IncidentReducer {
    /// One application of an intent: the incident as it changes and what to record and say about it.
    struct Step {
        let original: Incident
        var incident: Incident
        let sender: Participant
        let time: Timestamp
        let configuration: IncidentConfiguration
        var entries: [TimelineEntry] = []
        var replies: [String] = []
        var announce: String?

        init(
            incident: Incident,
            sender: Participant,
            time: Timestamp,
            configuration: IncidentConfiguration
        ) {
            self.original = incident
            self.incident = incident
            self.sender = sender
            self.time = time
            self.configuration = configuration
        }

        /// `incident 4`.
        var label: String { "incident \(incident.id)" }
        /// The sender's nick, safe to echo.
        var who: String { ChatText.oneLine(sender.nick) }

        mutating func entry(
            _ text: String,
            detail: TimelineDetail?,
            kind: TimelineEntry.Kind = .lifecycle,
            isKeyEvent: Bool = true
        ) {
            entries.append(
                TimelineEntry(
                    incidentID: incident.id,
                    time: time,
                    kind: kind,
                    author: sender.nick,
                    account: sender.account,
                    text: text,
                    detail: detail,
                    isKeyEvent: isKeyEvent
                )
            )
        }

        /// One reply line; the parts are already sanitised or sanitised here when user text.
        mutating func reply(_ line: String) {
            replies.append(ChatText.oneLine(line, limit: 400))
        }

        mutating func announce(_ what: String) {
            announce = ChatText.oneLine("\(IncidentReducer.headline(incident)): \(what)", limit: 400)
        }

        func refuse(_ action: LifecycleAction, _ reason: String) -> Outcome {
            let entry = TimelineEntry(
                incidentID: incident.id,
                time: time,
                kind: .refusal,
                author: sender.nick,
                account: sender.account,
                text: "refused \(action) from \(sender.nick): \(reason)",
                detail: .refused(action)
            )
            return .refused(reply: ChatText.oneLine("\(who): \(reason)", limit: 400), entry: entry)
        }

        func outcome() -> Outcome {
            .changed(
                incident,
                entries: entries,
                replies: replies,
                announce: announce,
                topicChanged: IncidentReducer.topic(for: incident) != IncidentReducer.topic(for: original)
            )
        }
    }
}

/// `text` for a reply, one line and shortened.
func echo(_ text: String, limit: Int = 200) -> String {
    ChatText.oneLine(text, limit: limit)
}

/// ` (text)` or nothing.
func parenthesised(_ text: String?) -> String {
    guard let text, !text.isEmpty else { return "" }
    return " (\(text))"
}
