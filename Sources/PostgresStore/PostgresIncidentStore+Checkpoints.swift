import PostgresNIO
import SitrepCore

extension PostgresIncidentStore {
    /// Idempotent through a token of its own (see `TimelineToken`): repeated on the next host when its host goes
    /// away, whatever became of its commit.
    public func append(_ entries: [TimelineEntry], checkpoint: StreamCheckpoint) async throws {
        let token = AppendToken()
        try await write(
            "append of \(entries.count) timeline lines at the \(checkpoint.stream) checkpoint", idempotent: true
        ) { [self] connection in
            guard try await TimelineToken.record(token, on: connection, logger: logger) else { return }
            if !entries.isEmpty {
                var writer = try await PostgresTimelineWriter.lock(
                    Set(entries.map(\.incidentID)), on: connection, logger: logger)
                try writer.add(entries)
                try await writer.write()
            }
            for row in checkpoint.rows {
                try await connection.query(
                    """
                    INSERT INTO stream_checkpoint (stream, position) VALUES (\(row.stream), \(row.position))
                    ON CONFLICT (stream) DO UPDATE SET position = excluded.position
                    """, logger: logger)
            }
        }
    }

    public func checkpoint(stream: String) async throws -> String? {
        let rows = try await rows(
            "read of the \(stream) checkpoint", "SELECT position FROM stream_checkpoint WHERE stream = \(stream)",
            isRead: true)
        return try rows.first.map { try $0.decode(String.self) }
    }
}
