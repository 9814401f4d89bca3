import SitrepCore

/// Reads what a page needs from the `WebDataSource` and builds its view. Pure apart from those reads; the
/// routes turn the views into HTML or JSON.
struct StatusViews: Sendable {
    let source: any WebDataSource
    let configuration: WebServerConfiguration
    let clock: @Sendable () -> Timestamp

    /// The status page: open incidents and those resolved within `configuration.recentDays`.
    func board() async throws -> StatusBoardView {
        let now = clock()
        let since = now.adding(.seconds(-86_400 * Int64(configuration.recentDays)))
        let open = try await source.openIncidents()
        let resolved = try await source.resolvedIncidents(since: since, limit: configuration.recentLimit)
        return StatusBoardView(open: open, resolved: resolved, recentDays: configuration.recentDays, now: now)
    }

    /// An incident's public view; the review summary only once it is closed.
    func incidentPage(id: Int64) async throws -> IncidentPageView {
        let incident = try await incident(id)
        let keyEvents = try await source.keyEvents(incidentID: id)
        var review: ReviewDocument?
        let now = clock()
        if incident.state == .closed {
            let followUps = try await source.followUps(incidentID: id)
            review = ReviewDocument(incident: incident, timeline: keyEvents, followUps: followUps, generatedAt: now)
        }
        return IncidentPageView(incident: incident, keyEvents: keyEvents, review: review, now: now)
    }

    /// The last `limit` timeline entries, transcript included (internal).
    func timeline(id: Int64, limit: Int) async throws -> InternalTimelineView {
        let incident = try await incident(id)
        let entries = try await source.timeline(incidentID: id, limit: limit)
        let pages = try await source.pageAttempts(incidentID: id)
        return InternalTimelineView(incident: incident, entries: entries, limit: limit, now: clock(), pages: pages)
    }

    /// The review draft from the whole timeline, as `sitrep review` makes it (internal).
    func reviewDraft(id: Int64) async throws -> ReviewDocument {
        let incident = try await incident(id)
        let timeline = try await source.timeline(incidentID: id, limit: nil)
        let followUps = try await source.followUps(incidentID: id)
        return ReviewDocument(incident: incident, timeline: timeline, followUps: followUps, generatedAt: clock())
    }

    private func incident(_ id: Int64) async throws -> Incident {
        guard let incident = try await source.incident(id: id) else { throw WebError.noIncident(id) }
        return incident
    }
}
