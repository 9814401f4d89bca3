import PostgresNIO
import SitrepCore

/// The reads behind the status page that the lifecycle itself never needs.
extension PostgresIncidentStore {
    /// A scan of the incident table (one row per incident ever declared), as on SQLite.
    public func resolvedIncidents(since: Timestamp, limit: Int) async throws -> [Incident] {
        guard limit > 0 else { return [] }
        let sinceMs = since.milliseconds
        return try await incidents(
            "read of recently resolved incidents",
            """
            SELECT \(unescaped: IncidentRow.columns) FROM incident
            WHERE state = ANY(\(PastIncidents.storedStates)) AND resolved_at_ms >= \(sinceMs)
            ORDER BY resolved_at_ms DESC, id DESC LIMIT \(limit)
            """)
    }
}
