extension TimelineEntry {
    /// How an alert came to an incident's timeline.
    public enum AlertEvent: String, Sendable {
        /// The incident was declared from it.
        case declared = "opened this incident"
        /// It joined the incident already open.
        case attached = "joined this incident"
        /// It resolved while the incident was open.
        case resolved
        /// It fired again while the incident was open.
        case firingAgain = "firing again"
    }

    /// The key event recording `alert` on incident `incidentID`, written by the alert's source: `alert 17 joined
    /// this incident: High error rate (alertname=HighErrorRate, severity=critical) http://prometheus/…`. The text
    /// keeps the alert's words as received; chat lines go through `ChatText`.
    public static func alert(
        _ alert: Alert,
        _ event: AlertEvent,
        incidentID: Int64,
        at time: Timestamp
    )
        -> TimelineEntry
    {
        let labels = alert.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        var text = "alert \(alert.id) \(event.rawValue): \(alert.title)"
        if !labels.isEmpty { text += " (\(labels))" }
        if let url = alert.url { text += " \(url)" }
        return TimelineEntry(
            incidentID: incidentID,
            time: time,
            kind: .alert,
            author: alert.source,
            account: alert.declarer.account,
            text: text,
            detail: .alert(id: alert.id, status: alert.status, source: alert.source, fingerprint: alert.fingerprint),
            isKeyEvent: true
        )
    }
}
