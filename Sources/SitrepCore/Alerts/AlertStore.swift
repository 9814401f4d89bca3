/// Durable storage of the alerts received from monitoring. Part of every `IncidentStore` backend, so an alert
/// can be linked to the incident it caused in the same database.
///
/// Guarantees every implementation keeps:
/// - Ids are small integers allocated 1, 2, 3… and never reused.
/// - A firing notice updates the latest alert with the same source and fingerprint when that alert is firing
///   (`repeated`), or when it resolved but is linked to an incident that is still open (`refired`: a flapping
///   alert stays one alert). Otherwise it creates a new alert (`opened`). Updating refreshes labels,
///   annotations, url and the last-seen time and adds one to the count.
/// - A resolved notice resolves the latest alert with that source and fingerprint if it is firing (`resolved`,
///   at the notice's end time, else at `time`); if that alert is already resolved nothing changes
///   (`resolvedAgain`); if there is no such alert nothing is stored and the result is nil.
public protocol AlertStore: Sendable {
    /// Records the notices of one webhook call, received at `time`, in order and in one transaction (see the
    /// type's rules); returns a recording per notice, leaving out resolved notices of unknown alerts.
    func recordAlerts(_ notices: [AlertNotice], at time: Timestamp) async throws -> [AlertRecording]

    /// The alert with this id, if any.
    func alert(id: Int64) async throws -> Alert?

    /// Links the alerts to an incident (replacing any earlier link) in one transaction and returns them as
    /// stored, in id order; ids that name no alert are left out. Throws if the incident does not exist.
    func linkAlerts(ids: [Int64], toIncident incidentID: Int64) async throws -> [Alert]

    /// The alerts linked to an incident, in id order.
    func alerts(incidentID: Int64) async throws -> [Alert]
}

/// What recording one notice did, and the alert as stored afterwards.
public struct AlertRecording: Sendable, Equatable {
    /// How the notice changed the stored alerts.
    public enum Change: String, Sendable, Equatable {
        /// A new alert with a new id.
        case opened
        /// The alert was firing and still is.
        case repeated
        /// The alert had resolved, its incident is still open, and it fires again.
        case refired
        /// The alert was firing and has resolved now.
        case resolved
        /// The alert had already resolved; nothing changed.
        case resolvedAgain
    }

    public var alert: Alert
    public var change: Change

    public init(alert: Alert, change: Change) {
        self.alert = alert
        self.change = change
    }
}
