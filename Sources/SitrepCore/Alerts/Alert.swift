/// An alert as sitrep keeps it: one per firing episode of a fingerprint, with a small number people type
/// (`/declare from alert 17`), how often it was seen, and the incident it belongs to.
public struct Alert: Sendable, Equatable, Codable, Identifiable {
    /// Allocated by the store: 1, 2, 3…, never reused.
    public var id: Int64
    public var source: String
    public var fingerprint: String
    public var status: AlertStatus
    public var labels: [String: String]
    public var annotations: [String: String]
    public var url: String?
    /// When the source says it started firing.
    public var startsAt: Timestamp?
    /// When sitrep first and last received it.
    public var firstSeenAt: Timestamp
    public var lastSeenAt: Timestamp
    /// When it resolved (the source's end time, else when sitrep heard of it); nil while firing.
    public var resolvedAt: Timestamp?
    /// How many firing notifications carried it (Alertmanager repeats a group's alerts in every notification).
    public var count: Int
    /// The incident it is part of, if any.
    public var incidentID: Int64?

    public init(
        id: Int64,
        source: String,
        fingerprint: String,
        status: AlertStatus,
        labels: [String: String] = [:],
        annotations: [String: String] = [:],
        url: String? = nil,
        startsAt: Timestamp? = nil,
        firstSeenAt: Timestamp,
        lastSeenAt: Timestamp,
        resolvedAt: Timestamp? = nil,
        count: Int = 1,
        incidentID: Int64? = nil
    ) {
        self.id = id
        self.source = source
        self.fingerprint = fingerprint
        self.status = status
        self.labels = labels
        self.annotations = annotations
        self.url = url
        self.startsAt = startsAt
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
        self.resolvedAt = resolvedAt
        self.count = count
        self.incidentID = incidentID
    }

    /// A new alert from its first notice, seen at `time`.
    public init(id: Int64, notice: AlertNotice, at time: Timestamp) {
        self.init(
            id: id,
            source: notice.source,
            fingerprint: notice.fingerprint,
            status: notice.status,
            labels: notice.labels,
            annotations: notice.annotations,
            url: notice.url,
            startsAt: notice.startsAt,
            firstSeenAt: time,
            lastSeenAt: time,
            resolvedAt: notice.status == .resolved ? notice.endsAt ?? time : nil
        )
    }

    /// What people call it (see `AlertNotice.title`).
    public var title: String {
        AlertNotice.title(labels: labels, annotations: annotations, fingerprint: fingerprint)
    }

    /// A short name for summaries: the `alertname` label, else the title.
    public var name: String { labels["alertname"] ?? title }

    /// Who acts in chat when sitrep declares an incident from this alert by itself: a system participant named
    /// after the source (`alertmanager`), on network `sitrep` so it never matches a person.
    public var declarer: Participant {
        Participant(identity: ChatIdentity(network: "sitrep", kind: .account, name: source), nick: source)
    }
}
