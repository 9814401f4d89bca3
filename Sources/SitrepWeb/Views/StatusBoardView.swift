import SitrepCore

/// The status page (`/`) and `/api/incidents`: the incidents being worked on, worst first, then the ones resolved
/// recently, latest first.
///
/// JSON: `generated_at`, `summary` (the line at the top: `2 open incidents, worst SEV1`), `open` (not yet
/// resolved: investigating, identified or mitigated), `recently_resolved` (resolved or closed within `recent_days`
/// days), each a list of incident objects (`IncidentView`).
public struct StatusBoardView: Encodable, Sendable, Equatable {
    public let generatedAt: String
    /// `No open incidents`, `1 open incident, SEV2`, `3 open incidents, worst SEV1`.
    public let summary: String
    public let open: [IncidentView]
    public let recentlyResolved: [IncidentView]
    public let recentDays: Int

    let generatedText: String

    enum CodingKeys: String, CodingKey {
        case generatedAt = "generated_at"
        case summary
        case open
        case recentlyResolved = "recently_resolved"
        case recentDays = "recent_days"
    }

    /// `open` are the store's open incidents (resolved ones among them are left to `resolved`).
    /// `showsPeople` false leaves the leads out (`StatusPublishing.onUpdate`); `alerts` are the linked alerts by
    /// incident id.
    public init(
        open: [Incident], resolved: [Incident], recentDays: Int, now: Timestamp, showsPeople: Bool = true,
        alerts: [Int64: [Alert]] = [:]
    ) {
        generatedAt = WebTime.iso(now)
        generatedText = WebTime.display(now)
        let working = open.filter { ![.resolved, .closed, .cancelled].contains($0.state) }
            .sorted { ($0.severity, $0.id) < ($1.severity, $1.id) }
        summary = Self.summary(working)
        self.open = working.map { IncidentView($0, now: now, showsLead: showsPeople, alerts: alerts[$0.id] ?? []) }
        recentlyResolved = resolved.map { IncidentView($0, now: now, showsLead: showsPeople) }
        self.recentDays = recentDays
    }

    /// The line a stakeholder reads first; `working` is sorted worst first.
    static func summary(_ working: [Incident]) -> String {
        guard let worst = working.first?.severity else { return "No open incidents" }
        if working.count == 1 { return "1 open incident, \(worst)" }
        return "\(working.count) open incidents, worst \(worst)"
    }
}

/// An incident's public page (`/incidents/<id>`) and `/api/incidents/<id>`.
///
/// JSON: `incident` (`IncidentView`), `history` (the public lifecycle entries, oldest first), `updates` (the
/// stakeholder updates, newest first), `review` (`ReviewSummaryView` once the incident is closed, else null).
public struct IncidentPageView: Encodable, Sendable, Equatable {
    public let incident: IncidentView
    public let history: [PublicEntryView]
    public let updates: [PublicEntryView]
    public let review: ReviewSummaryView?

    let isLive: Bool

    enum CodingKeys: String, CodingKey {
        case incident, history, updates, review
    }

    /// `keyEvents` may hold anything: only public entries are kept. `review` is shown only for a closed incident.
    public init(
        incident: Incident, keyEvents: [TimelineEntry], review: ReviewDocument?, now: Timestamp, showsPeople: Bool = true,
        alerts: [Alert] = []
    ) {
        self.incident = IncidentView(incident, now: now, showsLead: showsPeople, alerts: alerts)
        history = PublicTimeline.history(keyEvents).compactMap(PublicEntryView.init)
        updates = PublicTimeline.updates(keyEvents).reversed().compactMap(PublicEntryView.init)
        self.review = incident.state == .closed ? review.map(ReviewSummaryView.init) : nil
        isLive = incident.isOpen && incident.state != .resolved
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(incident, forKey: .incident)
        try container.encode(history, forKey: .history)
        try container.encode(updates, forKey: .updates)
        try container.encode(review, forKey: .review)
    }
}
