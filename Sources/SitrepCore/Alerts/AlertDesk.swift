/// The alert side of the incident coordinator as a pure machine: which alerts of a webhook call open, join or
/// are noted on an incident, whether `/declare from alert N` may declare, and when the bulk posts of a storm go
/// out. The coordinator performs what it decides (store writes, chat lines) and reports back when a declaration
/// ended. Time is passed in; nothing here suspends.
///
/// Declarations in flight are machine state: a plan claims the alerts it declares in the same step that checks
/// them (`alertsRecorded`, `declareFromAlertRequested`), and they stay claimed until `declarationEnded`. So a
/// webhook call and a `/declare from alert` that interleave while the first one's declaration is being stored
/// never declare two incidents for one alert, without a guard in the coordinator.
public struct AlertDesk<Instant: InstantProtocol<Duration>> {
    /// What `/declare from alert N` comes to.
    public enum FromAlert: Sendable, Equatable {
        /// Declare from the alert with this severity and title; the alert is claimed until `declarationEnded`.
        case declare(Alert, severity: Severity?, title: String)
        /// Declare nothing: the reply says why.
        case refuse(reply: String)
    }

    /// How `/declare from alert` is typed, for its error replies.
    public static var declareUsage: String { "/declare [sevN] from alert <n> [title]" }

    public let policy: AlertPolicy
    /// Alerts an incident is being declared from right now.
    public private(set) var declaring: Set<Int64> = []
    private var posts: AlertPostCoalescer<Instant>

    public init(policy: AlertPolicy, window: Duration = AlertPostCoalescer<Instant>.defaultWindow) {
        self.policy = policy
        posts = AlertPostCoalescer(window: window, maxLines: policy.maxLines)
    }

    /// A webhook call's alerts were recorded: what to declare, attach, note and post (`AlertTriage`), leaving
    /// alone those being declared already and claiming those it declares.
    public mutating func alertsRecorded(_ recordings: [AlertRecording], isOpen: (Int64) -> Bool) -> AlertTriage {
        let triage = AlertTriage.plan(recordings, policy: policy, isOpen: isOpen, busy: declaring)
        declaring.formUnion(triage.declare.map(\.id))
        return triage
    }

    /// `/declare [sevN] from alert N [title]` for `alert` (nil: no such alert): the alert's title and the
    /// severity its labels name unless given; refused for an alert of an open incident or one being declared.
    public mutating func declareFromAlertRequested(
        _ id: Int64, alert: Alert?, severity: Severity?, title: String?, openIncident: (Int64) -> Incident?
    ) -> FromAlert {
        guard let alert else {
            let usage = CommandHint.render(Self.declareUsage)
            return .refuse(reply: "no alert \(id): alert numbers are in the alert announcements; usage: \(usage)")
        }
        if let incident = alert.incidentID.flatMap(openIncident) {
            let channel = ChatText.oneLine(incident.channel.name)
            return .refuse(reply: "alert \(id) is already part of \(IncidentReducer.headline(incident)); join \(channel)")
        }
        guard !declaring.contains(id) else {
            return .refuse(reply: "an incident is being declared from alert \(id) right now")
        }
        declaring.insert(id)
        return .declare(
            alert, severity: severity ?? policy.severity(for: alert.labels),
            title: title ?? ChatText.oneLine(alert.title, limit: 200))
    }

    /// The declaration from `alertIDs` was stored (or failed): they may be declared or attached again.
    public mutating func declarationEnded(_ alertIDs: [Int64]) {
        declaring.subtract(alertIDs)
    }

    /// An announcement item for `alert`, with the severity its labels name.
    public func item(_ alert: Alert, _ kind: AlertAnnouncement.Item.Kind, url: String? = nil) -> AlertAnnouncement.Item {
        let label = alert.labels[policy.severityLabel]
        return AlertAnnouncement.Item(
            alert: alert, kind: kind, severity: label.flatMap(policy.labelSeverity), label: label, url: url)
    }

    /// The chat lines for `items`, capped at the policy's `maxLines` and a summary.
    public func lines(_ items: [AlertAnnouncement.Item]) -> [String] {
        AlertAnnouncement.lines(items, maxLines: policy.maxLines)
    }

    /// The bulk post items of a triage (alerts no incident took): new firing ones with the hint, resolved ones.
    public func postItems(_ triage: AlertTriage) -> [AlertAnnouncement.Item] {
        triage.posts.map { alert in
            item(alert, alert.status == .firing ? .firing(hint: true) : .resolved(incidentID: alert.incidentID))
        }
    }

    /// The items noting alerts of open incidents that resolved or fire again, by incident, in incident order.
    public func noteItems(_ triage: AlertTriage) -> [(incidentID: Int64, alerts: [Alert])] {
        Dictionary(grouping: triage.notes.filter { $0.incidentID != nil }, by: { $0.incidentID ?? 0 })
            .sorted { $0.key < $1.key }
            .map { (incidentID: $0.key, alerts: $0.value) }
    }

    /// Bulk items for `channel` at `now`: the post to send now, or nil when they are held until `deadline`.
    public mutating func post(_ items: [AlertAnnouncement.Item], to channel: String, at now: Instant)
        -> AlertPostCoalescer<Instant>.Post?
    {
        posts.submit(items, to: channel, at: now)
    }

    /// When the next held post is due; nil when none is held.
    public var deadline: Instant? { posts.deadline }

    /// The held posts due at `now`, which leave the desk.
    public mutating func due(at now: Instant) -> [AlertPostCoalescer<Instant>.Post] {
        posts.due(at: now)
    }
}
