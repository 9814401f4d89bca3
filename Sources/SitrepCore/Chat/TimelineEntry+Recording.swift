extension TimelineEntry {
    /// The transcript entry for a chat event in an incident channel. An event the network gave an id (a Matrix
    /// event id) keeps it in `detail` (`event=$id`) unless the detail says something else already, so a later
    /// edit (`edit of $id`) or redaction (`redaction of $id`) names the entry it changes, which stays as it was.
    public init(recording event: ChatEvent, in incidentID: Int64) {
        var (kind, text, detail) = Self.describe(event.kind)
        if detail == nil, let id = event.id { detail = .event(id) }
        self.init(
            incidentID: incidentID, time: event.time, kind: kind, author: event.sender.nick,
            account: event.sender.identity.isAuthenticated ? event.sender.identity.name : nil, text: text,
            detail: detail)
    }

    private static func describe(_ kind: ChatEvent.Kind) -> (Kind, String, TimelineDetail?) {
        switch kind {
        case .message(let text, .plain): (.message, text, nil)
        case .message(let text, .notice): (.notice, text, nil)
        case .message(let text, .action): (.action, text, nil)
        case .join: (.join, "joined", nil)
        case .part(let reason): (.part, reason ?? "", nil)
        case .quit(let reason): (.quit, reason ?? "", nil)
        case .nick(let newNick): (.nick, newNick, nil)
        case .kick(let target, let reason): (.kick, reason ?? "", TimelineDetail(target))
        case .topic(let text): (.topic, text, nil)
        case .mode(let text): (.mode, text, nil)
        case .edit(let original, let text): (.message, text, .edit(of: original))
        case .redaction(let original, let reason):
            (.mode, reason.map { "redacted: \($0)" } ?? "redacted", .redaction(of: original))
        }
    }
}

extension TimelineEntry {
    /// The key event that says recording stopped between `from` and `to` (sitrep down, the chat connection
    /// lost) and why, on the timeline of incident `incidentID`, at `to`.
    public static func gap(in incidentID: Int64, from: Timestamp, to: Timestamp, reason: String) -> TimelineEntry {
        TimelineEntry(
            incidentID: incidentID, time: to, kind: .gap, author: "",
            text: "recording interrupted \(CivilTime(from).clock)–\(CivilTime(to).clock) UTC (\(reason))",
            detail: .gap(from: from, to: to), isKeyEvent: true)
    }
}
