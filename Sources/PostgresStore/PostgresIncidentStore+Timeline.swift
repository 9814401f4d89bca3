import PostgresNIO
import SitrepCore
import StoreKit

extension PostgresIncidentStore {
    /// Idempotent through `token` (see `TimelineToken`), so a host lost during the commit costs a wait for the
    /// next host, never a lost or a doubled line.
    public func append(_ entries: [TimelineEntry], token: AppendToken) async throws {
        guard !entries.isEmpty else { return }
        try await write("append of \(entries.count) timeline lines", idempotent: true) { [self] connection in
            guard try await TimelineToken.record(token, on: connection, logger: logger) else { return }
            var writer = try await PostgresTimelineWriter.lock(
                Set(entries.map(\.incidentID)), on: connection, logger: logger)
            try writer.add(entries)
            try await writer.write()
        }
    }

    public func timeline(incidentID: Int64, limit: Int?, keyEventsOnly: Bool) async throws -> [TimelineEntry] {
        if let limit, limit <= 0 { return [] }
        let keyFilter = keyEventsOnly ? "AND key_event" : ""
        let query: PostgresQuery =
            if let limit {
                """
                SELECT * FROM (SELECT \(unescaped: TimelineRow.columns) FROM timeline
                    WHERE incident_id = \(incidentID) \(unescaped: keyFilter) ORDER BY seq DESC LIMIT \(Int64(limit))
                ) AS last ORDER BY seq
                """
            } else {
                """
                SELECT \(unescaped: TimelineRow.columns) FROM timeline WHERE incident_id = \(incidentID)
                \(unescaped: keyFilter) ORDER BY seq
                """
            }
        return try await entries("read of the timeline of incident #\(incidentID)", query)
    }

    /// Walks the incident's spoken lines newest first and compares authors with Unicode lowercasing in Swift, so
    /// it matches what a person typed whatever the case and whatever the server's collation.
    public func lastMessage(incidentID: Int64, author: String) async throws -> TimelineEntry? {
        let wanted = author.lowercased()
        return try await read("search of the last message of \(author)") { [self] connection in
            let rows = try await connection.query(
                """
                SELECT \(unescaped: TimelineRow.columns) FROM timeline
                WHERE incident_id = \(incidentID) AND kind IN (\(unescaped: TimelineRow.spokenKinds)) ORDER BY seq DESC
                """, logger: logger)
            for try await row in rows {
                let entry = try TimelineRow.entry(from: row)
                if entry.author.lowercased() == wanted { return entry }
            }
            return nil
        }
    }

    public func markKeyEvent(incidentID: Int64, sequence: Int64) async throws {
        let marked = try await rows(
            "marking entry \(sequence) of incident #\(incidentID)",
            "UPDATE timeline SET key_event = true WHERE incident_id = \(incidentID) AND seq = \(sequence) RETURNING seq")
        guard marked.count == 1 else { throw StoreError.unknownEntry(incidentID: incidentID, sequence: sequence) }
    }

    public func heartbeat(_ time: Timestamp) async throws {
        _ = try await rows(
            "heartbeat",
            """
            INSERT INTO meta (name, value) VALUES ('heartbeat', \(time.milliseconds))
            ON CONFLICT (name) DO UPDATE SET value = excluded.value
            """)
    }

    public func lastHeartbeat() async throws -> Timestamp? {
        let rows = try await rows(
            "read of the last heartbeat", "SELECT value FROM meta WHERE name = 'heartbeat'", isRead: true)
        return try rows.first.map { Timestamp(milliseconds: try $0.decode(Int64.self)) }
    }

    /// The entries a query selecting `TimelineRow.columns` returns.
    func entries(_ operation: String, _ query: PostgresQuery) async throws -> [TimelineEntry] {
        let rows = try await rows(operation, query)
        do {
            return try rows.map(TimelineRow.entry(from:))
        } catch {
            throw StoreError.wrap(error, operation: operation)
        }
    }
}
