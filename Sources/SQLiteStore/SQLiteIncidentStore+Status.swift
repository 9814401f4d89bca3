import GRDB
import SitrepCore

/// The reads behind the status page that the lifecycle itself never needs.
extension SQLiteIncidentStore {
    /// A scan of the incident table: it holds one row per incident ever declared (thousands, not millions), so no
    /// index is kept for this once-per-page-view read.
    public func resolvedIncidents(since: Timestamp, limit: Int) async throws -> [Incident] {
        guard limit > 0 else { return [] }
        let past = Self.pastStates
        return try await read("read of recently resolved incidents") { db in
            try IncidentRecord.fetchAll(
                db,
                sql: """
                    SELECT * FROM incident WHERE state \(past.sql) AND resolved_at_ms >= ?
                    ORDER BY resolved_at_ms DESC, id DESC LIMIT ?
                    """,
                arguments: past.arguments + [since.milliseconds, limit]
            ).map { try $0.incident() }
        }
    }
}
