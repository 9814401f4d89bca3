import Logging
import PostgresNIO
import SitrepCore
import StoreKit

extension PostgresIncidentStore {
    /// The advisory lock that serializes id allocation ("declare" in ASCII): ids stay consecutive, and a declare
    /// that fails leaves no hole, as in SQLite (a sequence would skip the id of a rolled-back declare).
    static let declareLockKey: Int64 = 0x64_6563_6c61_7265

    public func declare(
        _ make: @Sendable (Int64) -> Incident,
        entries: @Sendable (Incident) -> [TimelineEntry],
        linkingAlerts alertIDs: [Int64]
    ) async throws -> Incident {
        try await writeInPlace("declare") { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(\(Self.declareLockKey))", logger: logger)
            var id: Int64 = 1
            for try await next in try await connection.query(
                "SELECT COALESCE(MAX(id), 0) + 1 FROM incident", logger: logger
            ).decode(Int64.self) {
                id = next
            }
            let incident = make(id)
            guard incident.id == id else { throw StoreError.idMismatch(allocated: id, built: incident.id) }
            try await connection.query(try IncidentRow.insert(incident), logger: logger)
            let declaration = entries(incident)
            var writer = try await PostgresTimelineWriter.lock(
                Set(declaration.map(\.incidentID)), on: connection, logger: logger)
            try writer.add(declaration)
            try await writer.write()
            try await PostgresSearchIndexer.index(declaration, of: incident, on: connection, logger: logger)
            if !alertIDs.isEmpty {
                try await connection.query(
                    "UPDATE alert SET incident_id = \(id) WHERE id = ANY(\(alertIDs)::bigint[])", logger: logger)
            }
            return incident
        }
    }

    /// Idempotent through a token of its own (see `TimelineToken`): repeated on the next host when its host goes
    /// away, whatever became of its commit, so a change confirmed in chat is never reported failed for that.
    public func commit(_ incident: Incident, entries: [TimelineEntry], after lines: [TimelineEntry]) async throws {
        let token = AppendToken()
        try await write("commit of incident #\(incident.id)", idempotent: true) { [logger] connection in
            guard try await TimelineToken.record(token, on: connection, logger: logger) else { return }
            try await Self.commit(incident, entries: entries, after: lines, on: connection, logger: logger)
        }
    }

    /// `commit` inside a transaction of the caller's.
    static func commit(
        _ incident: Incident, entries: [TimelineEntry], after lines: [TimelineEntry], on connection: PostgresConnection,
        logger: Logger
    ) async throws {
        let touched = Set(lines.map(\.incidentID)).union(entries.map(\.incidentID)).union([incident.id])
        var writer = try await PostgresTimelineWriter.lock(touched, on: connection, logger: logger)
        try writer.add(lines)
        try writer.add(entries)
        let updated = try await connection.rows(try IncidentRow.update(incident), logger: logger)
        guard !updated.isEmpty else { throw StoreError.unknownIncident(incident.id) }
        try await writer.write()
        try await PostgresSearchIndexer.index(entries, of: incident, on: connection, logger: logger)
    }

    public func incident(id: Int64) async throws -> Incident? {
        try await incidents("read of incident #\(id)", "SELECT \(unescaped: IncidentRow.columns) FROM incident WHERE id = \(id)")
            .first
    }

    /// The channel name is compared case-insensitively (`lower()`), as IRC servers do.
    public func incident(channel: ChatChannel) async throws -> Incident? {
        try await incidents(
            "read of the incident in \(channel.name)",
            """
            SELECT \(unescaped: IncidentRow.columns) FROM incident
            WHERE channel_network = \(PostgresText.encode(channel.network))
            AND lower(channel_name) = lower(\(PostgresText.encode(channel.name)))
            ORDER BY id DESC LIMIT 1
            """
        ).first
    }

    public func openIncidents() async throws -> [Incident] {
        try await incidents(
            "read of open incidents",
            "SELECT \(unescaped: IncidentRow.columns) FROM incident WHERE state NOT IN ('closed', 'cancelled') ORDER BY id")
    }

    /// The incidents a query selecting `IncidentRow.columns` returns.
    func incidents(_ operation: String, _ query: PostgresQuery) async throws -> [Incident] {
        let rows = try await rows(operation, query, isRead: true)
        do {
            return try rows.map { try IncidentRow.incident(from: $0) }
        } catch {
            throw StoreError.wrap(error, operation: operation)
        }
    }
}
