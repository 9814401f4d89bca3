import Logging
import PostgresNIO
import SitrepCore

/// Adds the searchable texts of a `declare` or `commit` to `search_text`, inside the caller's transaction (which
/// holds the incident's lock), so a change is searchable exactly when it is durable. See `PostgresSchema.search`.
enum PostgresSearchIndexer {
    /// The text search configuration: English stemming (`deploys` finds `deploy`), case-insensitive.
    static let configuration = "english"

    static func index(
        _ entries: [TimelineEntry], of incident: Incident, on connection: PostgresConnection, logger: Logger
    ) async throws {
        let pieces = SearchText.pieces(of: entries, incident: incident)
        guard !pieces.isEmpty else { return }
        let fields = pieces.map(\.field.rawValue)
        let texts = pieces.map { PostgresText.encode($0.text) }
        try await connection.query(
            """
            INSERT INTO search_text (incident_id, piece, field, content, document)
            SELECT \(incident.id),
                COALESCE((SELECT MAX(piece) FROM search_text WHERE incident_id = \(incident.id)), -1) + p.n,
                p.field, p.content,
                setweight(to_tsvector('english', p.content), CASE WHEN p.field = 'title' THEN 'A' ELSE 'D' END::"char")
            FROM unnest(\(fields), \(texts)) WITH ORDINALITY AS p (field, content, n)
            """, logger: logger)
    }
}
