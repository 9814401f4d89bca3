import GRDB
import SitrepCore
import StoreKit

extension SQLiteIncidentStore {
    public func declare(
        _ make: @Sendable (Int64) -> Incident,
        entries: @Sendable (Incident) -> [TimelineEntry],
        linkingAlerts alertIDs: [Int64]
    ) async throws -> Incident {
        try await write("declare") { db in
            let id = try (Int64.fetchOne(db, sql: "SELECT MAX(id) FROM incident") ?? 0) + 1
            let incident = make(id)
            guard incident.id == id else { throw StoreError.idMismatch(allocated: id, built: incident.id) }
            try IncidentRecord(incident).insert(db)
            var writer = try TimelineWriter(db)
            let declaration = entries(incident)
            try writer.insert(declaration)
            try SearchIndexer.index(declaration, of: incident, in: db)
            if !alertIDs.isEmpty {
                try AlertRecord.filter(alertIDs.contains(AlertRecord.Columns.id))
                    .updateAll(db, AlertRecord.Columns.incidentID.set(to: id))
            }
            return incident
        }
    }

    public func commit(_ incident: Incident, entries: [TimelineEntry], after lines: [TimelineEntry]) async throws {
        try await write("commit of incident #\(incident.id)") { db in
            try Self.commit(db, incident, entries: entries, after: lines)
        }
        checkpointer.rowsWritten(lines.count + entries.count)
    }

    /// `commit` inside a transaction of the caller's.
    static func commit(_ db: Database, _ incident: Incident, entries: [TimelineEntry], after lines: [TimelineEntry])
        throws
    {
        var writer = try TimelineWriter(db)
        try writer.insert(lines)
        do {
            try IncidentRecord(incident).update(db)
        } catch RecordError.recordNotFound {
            throw StoreError.unknownIncident(incident.id)
        }
        try writer.insert(entries)
        try SearchIndexer.index(entries, of: incident, in: db)
    }

    public func incident(id: Int64) async throws -> Incident? {
        try await read("read of incident #\(id)") { db in
            try IncidentRecord.fetchOne(db, key: id)?.incident()
        }
    }

    /// The channel name is compared ASCII case-insensitively, as IRC servers do.
    public func incident(channel: ChatChannel) async throws -> Incident? {
        try await read("read of the incident in \(channel.name)") { db in
            try IncidentRecord.fetchOne(
                db,
                sql: """
                    SELECT * FROM incident WHERE channel_network = ? AND channel_name = ? COLLATE NOCASE
                    ORDER BY id DESC LIMIT 1
                    """,
                arguments: [StoredText(channel.network), StoredText(channel.name)]
            )?.incident()
        }
    }

    public func openIncidents() async throws -> [Incident] {
        try await read("read of open incidents") { db in
            try IncidentRecord.fetchAll(
                db,
                sql: "SELECT * FROM incident WHERE state NOT IN ('closed', 'cancelled') ORDER BY id"
            ).map { try $0.incident() }
        }
    }
}
