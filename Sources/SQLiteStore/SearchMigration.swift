import GRDB
import SitrepCore

/// Migration `v4 search`: the full-text indexes, the transcript indexing progress and the standard solutions,
/// and the backfill of the search index from incidents stored before it.
///
/// Layout (FTS5, `porter unicode61 remove_diacritics 2`: case- and accent-insensitive, `deploys` finds
/// `deploy`):
/// - `search_text(title, body, field UNINDEXED)`: a regular FTS5 table that stores its text. One row per indexed
///   piece (`SearchText.pieces`): the title in `title`, everything else in `body`, so bm25 weights them apart.
///   The rowid is `incident_id << 20 | n` (n counts an incident's pieces from 0), so an incident's rows are one
///   rowid range: grouping hits by incident needs no content lookup, and a snippet for one incident is a range
///   query. Pieces are short and append-only, so storing them (for `snippet()`) costs little. Its `rank` is
///   configured as `bm25(10.0, 1.0)` (a title match weighs ten times as much), because FTS5 refuses `bm25()`
///   inside an aggregate but accepts `MIN(rank)`.
/// - `search_transcript(text)`: contentless (`content=''`), since the text is already in `timeline`; the rowid
///   is `incident_id << 32 | seq`, from which the line is read back for its excerpt. Filled by
///   `reindexTranscripts`, never on `append`.
/// - `search_transcript_progress(incident_id, last_seq)`: the last timeline sequence indexed per incident.
/// - `solution`: `/solution` entries with the category and services they were recorded for.
enum SearchMigration {
    /// Bits of the rowid below the incident id in `search_text`.
    static let pieceBits: Int64 = 20
    /// Bits of the rowid below the incident id in `search_transcript`.
    static let transcriptBits: Int64 = 32
    static let tokenizer = "tokenize = 'porter unicode61 remove_diacritics 2'"

    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE VIRTUAL TABLE search_text USING fts5(title, body, field UNINDEXED, \(tokenizer));
                INSERT INTO search_text (search_text, rank) VALUES ('rank', 'bm25(10.0, 1.0)');
                CREATE VIRTUAL TABLE search_transcript USING fts5(text, content = '', \(tokenizer));
                CREATE TABLE search_transcript_progress (
                    incident_id INTEGER PRIMARY KEY NOT NULL,
                    last_seq INTEGER NOT NULL
                );
                CREATE TABLE solution (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    incident_id INTEGER NOT NULL REFERENCES incident (id),
                    text TEXT NOT NULL,
                    category TEXT,
                    services TEXT NOT NULL,
                    created_at_ms INTEGER NOT NULL,
                    created_by TEXT NOT NULL
                );
                CREATE INDEX solution_by_category ON solution (category COLLATE NOCASE);
                """
        )
        try backfill(db)
    }

    /// Indexes every stored incident from its key events (all indexed entries are key events).
    private static func backfill(_ db: Database) throws {
        let incidents = try IncidentRecord.fetchAll(db, sql: "SELECT * FROM incident ORDER BY id")
        for record in incidents {
            let incident = try record.incident()
            let entries = try TimelineRecord.fetchAll(
                db,
                sql: "SELECT \(TimelineRecord.selection) FROM timeline WHERE incident_id = ? AND key_event = 1 ORDER BY seq",
                arguments: [incident.id]
            ).map(\.entry)
            try SearchIndexer.index(entries, of: incident, in: db)
        }
    }
}
