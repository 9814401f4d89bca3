import GRDB
import SitrepCore
import StoreKit

extension SQLiteIncidentStore {
    public func append(_ entries: [TimelineEntry], token: AppendToken) async throws {
        guard !entries.isEmpty else { return }
        try await write("append of \(entries.count) timeline lines") { db in
            guard try TimelineTokenMigration.record(token.value, prune: token.prunes, in: db) else { return }
            var writer = try TimelineWriter(db)
            try writer.insert(entries)
        }
        checkpointer.rowsWritten(entries.count)
    }

    public func timeline(incidentID: Int64, limit: Int?, keyEventsOnly: Bool) async throws -> [TimelineEntry] {
        if let limit, limit <= 0 { return [] }
        return try await read("read of the timeline of incident #\(incidentID)") { db in
            let keyFilter = keyEventsOnly ? "AND key_event = 1" : ""
            let base = "SELECT \(TimelineRecord.selection) FROM timeline WHERE incident_id = ? \(keyFilter)"
            guard let limit else {
                return try TimelineRecord.fetchAll(db, sql: base + " ORDER BY seq", arguments: [incidentID])
                    .map(\.entry)
            }
            let newestFirst = try TimelineRecord.fetchAll(
                db,
                sql: base + " ORDER BY seq DESC LIMIT ?",
                arguments: [incidentID, limit]
            )
            return newestFirst.reversed().map(\.entry)
        }
    }

    /// Walks the incident's spoken lines newest first and compares authors with Unicode lowercasing, so it
    /// matches what a person typed whatever the case (SQLite's NOCASE folds ASCII only).
    public func lastMessage(incidentID: Int64, author: String) async throws -> TimelineEntry? {
        let wanted = author.lowercased()
        let kinds = TimelineRecord.spokenKinds.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        return try await read("search of the last message of \(author)") { db in
            let rows = try TimelineRecord.fetchCursor(
                db,
                sql: """
                    SELECT \(TimelineRecord.selection) FROM timeline
                    WHERE incident_id = ? AND kind IN (\(kinds)) ORDER BY seq DESC
                    """,
                arguments: [incidentID]
            )
            return try rows.first { $0.entry.author.lowercased() == wanted }?.entry
        }
    }

    public func markKeyEvent(incidentID: Int64, sequence: Int64) async throws {
        try await write("marking entry \(sequence) of incident #\(incidentID)") { db in
            try db.execute(
                sql: "UPDATE timeline SET key_event = 1 WHERE incident_id = ? AND seq = ?",
                arguments: [incidentID, sequence]
            )
            guard db.changesCount == 1 else {
                throw StoreError.unknownEntry(incidentID: incidentID, sequence: sequence)
            }
        }
    }

    public func heartbeat(_ time: Timestamp) async throws {
        try await write("heartbeat") { db in
            try db.execute(
                sql:
                    "INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                arguments: [MetaRecord.heartbeat, time.milliseconds]
            )
        }
        checkpointer.checkpointIfDirty()
    }

    public func lastHeartbeat() async throws -> Timestamp? {
        try await read("read of the last heartbeat") { db in
            try MetaRecord.fetchOne(db, key: MetaRecord.heartbeat).map { Timestamp(milliseconds: $0.value) }
        }
    }
}
