import GRDB
import SitrepCore

/// Adds the searchable texts of a `declare` or `commit` to `search_text`, inside the caller's transaction, so a
/// change is searchable exactly when it is durable. See `SearchMigration` for the layout.
enum SearchIndexer {
    private static let insertSQL = "INSERT INTO search_text (rowid, title, body, field) VALUES (?, ?, ?, ?)"
    private static let lastPieceSQL = "SELECT MAX(rowid) FROM search_text WHERE rowid >= ? AND rowid < ?"

    static func index(_ entries: [TimelineEntry], of incident: Incident, in db: Database) throws {
        let pieces = SearchText.pieces(of: entries, incident: incident)
        guard !pieces.isEmpty else { return }
        let base = incident.id << SearchMigration.pieceBits
        let end = (incident.id + 1) << SearchMigration.pieceBits
        var next = try (Int64.fetchOne(db.cachedStatement(sql: lastPieceSQL), arguments: [base, end]) ?? base - 1) + 1
        let insert = try db.cachedStatement(sql: insertSQL)
        for piece in pieces where next < end {
            let isTitle = piece.field == .title
            try insert.execute(arguments: [next, isTitle ? piece.text : "", isTitle ? "" : piece.text, piece.field.rawValue])
            next += 1
        }
    }
}
