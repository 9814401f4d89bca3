import PostgresNIO
import SitrepCore

extension PostgresIncidentStore {
    /// Each batch is its own transaction holding the incident's lock only while it runs, so appends to that
    /// incident queue behind one batch at most.
    public func reindexTranscripts(since: Timestamp?, batchSize: Int) async throws -> Int {
        let batchSize = Int64(max(1, batchSize))
        let pending = try await rows(
            "finding transcripts to index",
            """
            SELECT i.id, COALESCE(p.last_seq, 0) FROM incident i
            LEFT JOIN search_transcript_progress p ON p.incident_id = i.id
            WHERE (\(since?.milliseconds)::bigint IS NULL OR i.closed_at_ms IS NULL
                OR i.closed_at_ms >= \(since?.milliseconds) OR i.declared_at_ms >= \(since?.milliseconds))
            AND (SELECT MAX(seq) FROM timeline t WHERE t.incident_id = i.id) > COALESCE(p.last_seq, 0)
            ORDER BY i.id
            """
        ).map { try $0.decode((Int64, Int64).self) }
        var indexed = 0
        for (incidentID, done) in pending {
            var last = done
            while true {
                let after = last
                let operation = "indexing the transcript of incident #\(incidentID)"
                let (count, next) = try await write(operation) { [self] connection in
                    try await indexBatch(connection, incidentID: incidentID, after: after, limit: batchSize)
                }
                indexed += count
                guard let next else { break }
                last = next
            }
        }
        return indexed
    }

    /// Indexes the spoken lines among the next `limit` lines after `after`, in one statement; returns the count
    /// indexed and the last sequence scanned (nil when the batch was the last).
    private func indexBatch(_ connection: PostgresConnection, incidentID: Int64, after: Int64, limit: Int64)
        async throws -> (Int, Int64?)
    {
        let rows = try await connection.rows(
            """
            WITH batch AS (
                SELECT seq, kind, text FROM timeline WHERE incident_id = \(incidentID) AND seq > \(after)
                ORDER BY seq LIMIT \(limit)
            ), indexed AS (
                INSERT INTO search_transcript (incident_id, seq, document)
                SELECT \(incidentID), seq, to_tsvector('english', text) FROM batch
                WHERE kind IN (\(unescaped: TimelineRow.spokenKinds))
                ON CONFLICT DO NOTHING RETURNING 1
            )
            SELECT (SELECT COUNT(*) FROM indexed), (SELECT COUNT(*) FROM batch), (SELECT MAX(seq) FROM batch)
            """, logger: logger)
        let (count, scanned, last) = try rows[0].decode((Int64, Int64, Int64?).self)
        guard let last else { return (0, nil) }
        try await connection.query(
            """
            INSERT INTO search_transcript_progress (incident_id, last_seq) VALUES (\(incidentID), \(last))
            ON CONFLICT (incident_id) DO UPDATE SET last_seq = excluded.last_seq
            """, logger: logger)
        return (Int(count), scanned < limit ? nil : last)
    }
}
