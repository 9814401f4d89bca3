import SitrepCore
import SitrepWeb

/// The web side's view of the incident store: each read is one store call. It filters nothing; SitrepWeb decides
/// what is public.
public struct StoreWebDataSource: WebDataSource {
    let store: any IncidentStore

    public init(store: any IncidentStore) {
        self.store = store
    }

    public func alerts(incidentID: Int64) async throws -> [Alert] {
        try await store.alerts(incidentID: incidentID)
    }

    public func pageAttempts(incidentID: Int64) async throws -> [PageAttempt] {
        try await store.pageAttempts(incidentID: incidentID)
    }

    public func openIncidents() async throws -> [Incident] {
        try await store.openIncidents()
    }

    public func resolvedIncidents(since: Timestamp, limit: Int) async throws -> [Incident] {
        try await store.resolvedIncidents(since: since, limit: limit)
    }

    public func incident(id: Int64) async throws -> Incident? {
        try await store.incident(id: id)
    }

    public func keyEvents(incidentID: Int64) async throws -> [TimelineEntry] {
        try await store.timeline(incidentID: incidentID, limit: nil, keyEventsOnly: true)
    }

    public func timeline(incidentID: Int64, limit: Int?) async throws -> [TimelineEntry] {
        try await store.timeline(incidentID: incidentID, limit: limit, keyEventsOnly: false)
    }

    public func followUps(incidentID: Int64) async throws -> [FollowUp] {
        try await store.followUps(incidentID: incidentID, openOnly: false)
    }
}
