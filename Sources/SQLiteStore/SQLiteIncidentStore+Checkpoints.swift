import GRDB
import SitrepCore

extension SQLiteIncidentStore {
    public func append(_ entries: [TimelineEntry], checkpoint: StreamCheckpoint) async throws {
        try await write("append of \(entries.count) timeline lines at the \(checkpoint.stream) checkpoint") { db in
            if !entries.isEmpty {
                var writer = try TimelineWriter(db)
                try writer.insert(entries)
            }
            for row in checkpoint.rows {
                try db.execute(
                    sql: """
                        INSERT INTO stream_checkpoint (stream, position) VALUES (?, ?)
                        ON CONFLICT (stream) DO UPDATE SET position = excluded.position
                        """,
                    arguments: [row.stream, row.position])
            }
        }
        checkpointer.rowsWritten(entries.count)
    }

    public func checkpoint(stream: String) async throws -> String? {
        try await read("read of the \(stream) checkpoint") { db in
            try String.fetchOne(db, sql: "SELECT position FROM stream_checkpoint WHERE stream = ?", arguments: [stream])
        }
    }
}
