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
        let publish = configuration.publish
        let open = try await source.openIncidents().filter(publish.publishes)
        let resolved = try await source.resolvedIncidents(since: since, limit: configuration.recentLimit)
            .filter(publish.publishes)
        var alerts: [Int64: [Alert]] = [:]
        for incident in open { alerts[incident.id] = try await source.alerts(incidentID: incident.id) }
        return StatusBoardView(
            open: open, resolved: resolved, recentDays: configuration.recentDays, now: now,
            showsPeople: publish.showsPeopleAndReview, alerts: alerts)
    }

    /// An incident's public view; the review summary only once it is closed.
    func incidentPage(id: Int64) async throws -> IncidentPageView {
        let incident = try await incident(id)
        let publish = configuration.publish
        // Not published yet: as far as the public side knows, there is no such incident.
        guard publish.publishes(incident) else { throw WebError.noIncident(id) }
        let keyEvents = try await source.keyEvents(incidentID: id)
        var review: ReviewDocument?
        let now = clock()
        if incident.state == .closed, publish.showsPeopleAndReview {
            let followUps = try await source.followUps(incidentID: id)
            review = ReviewDocument(incident: incident, timeline: keyEvents, followUps: followUps, generatedAt: now)
        }
        return IncidentPageView(
            incident: incident, keyEvents: keyEvents, review: review, now: now, showsPeople: publish.showsPeopleAndReview,
            alerts: try await source.alerts(incidentID: id))
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
