import PostgresNIO
import SitrepCore

extension PostgresIncidentStore {
    public func append(_ entries: [TimelineEntry], checkpoint: StreamCheckpoint) async throws {
        try await write("append of \(entries.count) timeline lines at the \(checkpoint.stream) checkpoint") {
            [self] connection in
            if !entries.isEmpty {
                var writer = try await PostgresTimelineWriter.lock(
                    Set(entries.map(\.incidentID)), on: connection, logger: logger)
                try writer.add(entries)
                try await writer.write()
            }
            try await connection.query(
                """
                INSERT INTO stream_checkpoint (stream, position) VALUES (\(checkpoint.stream), \(checkpoint.position))
                ON CONFLICT (stream) DO UPDATE SET position = excluded.position
                """, logger: logger)
        }
    }

    public func checkpoint(stream: String) async throws -> String? {
        let rows = try await rows(
            "read of the \(stream) checkpoint", "SELECT position FROM stream_checkpoint WHERE stream = \(stream)",
            isRead: true)
        return try rows.first.map { try $0.decode(String.self) }
    }
}
