import GRDB
import SitrepCore

extension SQLiteIncidentStore {
    /// Each batch is its own write transaction, so timeline appends queue behind one batch at most.
    public func reindexTranscripts(since: Timestamp?, batchSize: Int) async throws -> Int {
        let batchSize = max(1, batchSize)
        let pending = try await read("finding transcripts to index") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT id, done FROM (
                        SELECT i.id, COALESCE(p.last_seq, 0) AS done,
                            (SELECT MAX(seq) FROM timeline t WHERE t.incident_id = i.id) AS top
                        FROM incident i LEFT JOIN search_transcript_progress p ON p.incident_id = i.id
                        WHERE ?1 IS NULL OR i.closed_at_ms IS NULL OR i.closed_at_ms >= ?1 OR i.declared_at_ms >= ?1
                    ) WHERE top > done ORDER BY id
                    """,
                arguments: [since?.milliseconds]
            ).map { ($0[0] as Int64, $0[1] as Int64) }
        }
        var indexed = 0
        for (incidentID, done) in pending {
            var last = done
            while true {
                let after = last
                let (count, next) = try await write("indexing the transcript of incident #\(incidentID)") { db in
                    try Self.indexBatch(db, incidentID: incidentID, after: after, limit: batchSize)
                }
                indexed += count
                guard let next else { break }
                last = next
            }
        }
        return indexed
    }

    /// Indexes spoken lines after `after`, up to `limit` lines scanned; returns the count indexed and the last
    /// sequence scanned (nil when nothing was left).
    private static func indexBatch(_ db: Database, incidentID: Int64, after: Int64, limit: Int) throws
        -> (Int, Int64?)
    {
        let kinds = TimelineRecord.spokenKinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT seq, kind IN (\(kinds)), text FROM timeline WHERE incident_id = ? AND seq > ?
                ORDER BY seq LIMIT ?
                """,
            arguments: [incidentID, after, limit])
        guard let lastRow = rows.last else { return (0, nil) }
        let insert = try db.cachedStatement(sql: "INSERT INTO search_transcript (rowid, text) VALUES (?, ?)")
        var count = 0
        for row in rows where row[1] as Bool {
            try insert.execute(arguments: [(incidentID << SearchMigration.transcriptBits) | (row[0] as Int64), (row[2] as StoredText).string])
            count += 1
        }
        let last: Int64 = lastRow[0]
        try db.execute(
            sql: """
                INSERT INTO search_transcript_progress (incident_id, last_seq) VALUES (?, ?)
                ON CONFLICT (incident_id) DO UPDATE SET last_seq = excluded.last_seq
                """,
            arguments: [incidentID, last])
        return (count, rows.count < limit ? nil : last)
    }
}
