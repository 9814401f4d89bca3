/// What to do with one batch of recorded alerts (one webhook call), decided from the recordings, the rules and
/// which incidents are open. The coordinator carries it out: declare, attach, note, post.
///
/// - A firing alert whose rule says `declare` and that belongs to no incident is declared, or attached to the
///   open incident another alert of the same batch belongs to (Alertmanager sends a group's alerts together, so a
///   new alert of a group already under way joins that incident instead of opening a second one).
/// - An alert of an open incident that resolves or fires again is noted on that incident, never declared again.
/// - A new firing alert whose rule says `post` (or that no rule matches) is posted with a hint; a resolved one is
///   posted too, unless its rule says `ignore`.
/// - Repeats of a firing alert change nothing in chat. Alerts in `busy` (being declared right now by someone
///   else) are left alone.
public struct AlertTriage: Sendable, Equatable {
    /// Alerts that open one new incident together.
    public var declare: [Alert] = []
    /// The severity of that incident: the worst the declared alerts name (nil: the configured default).
    public var severity: Severity?
    /// Alerts to attach to the open incident `attachTo`.
    public var attach: [Alert] = []
    public var attachTo: Int64?
    /// Alerts of open incidents that resolved or fire again: noted on their incident.
    public var notes: [Alert] = []
    /// Alerts to post in the announce channel: new firing ones (with the hint) and resolved ones.
    public var posts: [Alert] = []
    /// New alerts an `ignore` rule matched.
    public var ignored: [Alert] = []

    public init() {}

    /// Plans `recordings` (in payload order).
    ///
    /// - Parameters:
    ///   - isOpen: whether an incident id names an open incident.
    ///   - busy: alerts being declared by another path at this moment.
    public static func plan(
        _ recordings: [AlertRecording],
        policy: AlertPolicy,
        isOpen: (Int64) -> Bool,
        busy: Set<Int64> = []
    ) -> AlertTriage {
        var triage = AlertTriage()
        var candidates: [Alert] = []
        for recording in recordings {
            let alert = recording.alert
            let inOpenIncident = alert.incidentID.map(isOpen) ?? false
            if inOpenIncident && triage.attachTo == nil { triage.attachTo = alert.incidentID }
            switch recording.change {
            case .resolvedAgain:
                continue
            case .resolved:
                if inOpenIncident { triage.notes.append(alert) }
                if inOpenIncident || policy.action(for: alert.labels) != .ignore {
                    triage.posts.append(alert)
                } else {
                    triage.ignored.append(alert)
                }
            case .opened, .repeated, .refired:
                if inOpenIncident {
                    if recording.change == .refired { triage.notes.append(alert) }
                    continue
                }
                guard !busy.contains(alert.id) else { continue }
                let isNew = recording.change != .repeated
                switch policy.action(for: alert.labels) {
                case .declare where alert.incidentID == nil: candidates.append(alert)
                case .declare, .post: if isNew { triage.posts.append(alert) }
                case .ignore: if isNew { triage.ignored.append(alert) }
                }
            }
        }
        if triage.attachTo != nil {
            triage.attach = candidates
        } else {
            triage.declare = candidates
            triage.severity = candidates.compactMap { policy.severity(for: $0.labels) }.min()
        }
        return triage
    }

    /// The title of an incident declared from `alerts`: the first one's title, with how many more it covers.
    public static func incidentTitle(for alerts: [Alert]) -> String {
        guard let first = alerts.first else { return "" }
        let title = ChatText.oneLine(first.title, limit: 200)
        return alerts.count == 1 ? title : "\(title) (+\(alerts.count - 1) more alerts)"
    }
}
