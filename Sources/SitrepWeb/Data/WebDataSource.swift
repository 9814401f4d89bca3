import SitrepCore

/// What the web side reads about incidents. SitrepWeb sees the store only through this protocol, so it never
/// imports a database; `SitrepApp` implements it over the incident store.
///
/// The web side decides what is public (`PublicTimeline`): an implementation returns what it is asked for and
/// filters nothing.
public protocol WebDataSource: Sendable {
    /// Incidents not closed and not cancelled, in id order.
    func openIncidents() async throws -> [Incident]
    /// Incidents resolved or closed that were resolved at or after `since`, the latest resolved first, at most
    /// `limit`.
    func resolvedIncidents(since: Timestamp, limit: Int) async throws -> [Incident]
    func incident(id: Int64) async throws -> Incident?
    /// The incident's key events, oldest first. Every lifecycle entry and every `/update` is a key event, so the
    /// public view is picked from these without reading the transcript.
    func keyEvents(incidentID: Int64) async throws -> [TimelineEntry]
    /// The last `limit` entries of the whole timeline (transcript included), oldest first; all when `limit` is nil.
    func timeline(incidentID: Int64, limit: Int?) async throws -> [TimelineEntry]
    func followUps(incidentID: Int64) async throws -> [FollowUp]
    /// The monitoring alerts linked to the incident (declared from or joined to it), for the sign that the alert
    /// behind it has recovered.
    func alerts(incidentID: Int64) async throws -> [Alert]

    /// The incident's page attempts, oldest first (internal view only).
    func pageAttempts(incidentID: Int64) async throws -> [PageAttempt]
}

extension WebDataSource {
    /// A source that knows no alerts links none.
    public func alerts(incidentID: Int64) async throws -> [Alert] { [] }

    /// A source that keeps no page attempts has none to show.
    public func pageAttempts(incidentID: Int64) async throws -> [PageAttempt] { [] }
}
