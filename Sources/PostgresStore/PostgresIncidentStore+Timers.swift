import Logging
import PostgresNIO
import SitrepCore
import StoreKit

/// `TimerStore`: a fired row is never deleted, re-armed or un-fired, so a claim succeeds once per id, ever.
extension PostgresIncidentStore {
    /// One transaction holding the incident's lock (so two planners of one incident take turns): pending timers
    /// no longer planned are deleted, planned ones inserted or moved; fired ones are left as they are.
    public func replaceTimers(incidentID: Int64, with timers: [IncidentTimer]) async throws {
        if let stranger = timers.first(where: { $0.id.incidentID != incidentID }) {
            throw StoreError.timerOfAnotherIncident(timer: stranger.id.description, incidentID: incidentID)
        }
        try await write("replacing the timers of incident #\(incidentID)") { [logger] connection in
            try await Self.replaceTimers(incidentID: incidentID, with: timers, on: connection, logger: logger)
        }
    }

    /// `replaceTimers` inside a transaction of the caller's.
    static func replaceTimers(
        incidentID: Int64, with timers: [IncidentTimer], on connection: PostgresConnection, logger: Logger
    ) async throws {
        let kinds = timers.map(\.id.kind.rawValue)
        let keys = timers.map { PostgresText.encode($0.id.key) }
        let dues = timers.map(\.due.milliseconds)
        let texts = NullableTextArray(timers.map(\.text))
        let locked = try await connection.rows(
            "SELECT id FROM incident WHERE id = \(incidentID) FOR NO KEY UPDATE", logger: logger)
        guard !locked.isEmpty else { throw StoreError.unknownIncident(incidentID) }
        try await connection.query(
            """
            DELETE FROM timer WHERE incident_id = \(incidentID) AND fired_ms IS NULL
            AND (kind, key) NOT IN (SELECT * FROM unnest(\(kinds)::text[], \(keys)::text[]))
            """, logger: logger)
        guard !timers.isEmpty else { return }
        // The WHERE on the update is what keeps a fired timer fired: a conflict with a fired row changes nothing.
        try await connection.query(
            """
            INSERT INTO timer (incident_id, kind, key, due_ms, text)
            SELECT \(incidentID), * FROM unnest(\(kinds)::text[], \(keys)::text[], \(dues)::bigint[], \(texts))
            ON CONFLICT (incident_id, kind, key) DO UPDATE SET due_ms = excluded.due_ms, text = excluded.text
            WHERE timer.fired_ms IS NULL
            """, logger: logger)
    }

    /// Ordered by due time, then incident id, kind and key (bytewise: the columns' collation is "C"), the order
    /// of the partial index `timer_pending_by_due`.
    /// Read as one row of five arrays (`ArrayColumn`): 100,000 timers are loaded at start. The aggregates read an
    /// ordered subquery, which PostgreSQL aggregates in that order (one index scan, no sort per array).
    public func pendingTimers() async throws -> [IncidentTimer] {
        let rows = try await rows(
            "read of pending timers",
            """
            SELECT array_agg(incident_id), array_agg(kind), array_agg(key), array_agg(due_ms), array_agg(text)
            FROM (SELECT * FROM timer WHERE fired_ms IS NULL ORDER BY due_ms, incident_id, kind, key) AS pending
            """)
        do {
            guard let row = rows.first else { return [] }
            let (ids, kinds, keys, dues, texts) = try row.decode(
                (ArrayColumn<Int64>?, ArrayColumn<String>?, ArrayColumn<String>?, ArrayColumn<Int64>?, ArrayColumn<String>?).self)
            guard let ids = ids?.elements, let kinds = kinds?.elements, let keys = keys?.elements,
                let dues = dues?.elements, let texts = texts?.elements
            else { return [] }
            return try (0..<ids.count).map { index in
                IncidentTimer(
                    id: try Self.timerID(ids[index] ?? 0, kinds[index] ?? "", keys[index] ?? ""),
                    due: Timestamp(milliseconds: dues[index] ?? 0), text: PostgresText.decode(texts[index]))
            }
        } catch {
            throw StoreError.wrap(error, operation: "read of pending timers")
        }
    }

    /// One statement: of concurrent claims of one id, PostgreSQL lets exactly one update the unfired row; the
    /// others wait for its row lock, re-check `fired_ms IS NULL` on the new version, and update nothing.
    public func claimTimer(_ id: IncidentTimer.ID, at time: Timestamp) async throws -> Bool {
        let claimed = try await rows("claiming timer \(id)", Self.claimTimerQuery(id, at: time))
        return claimed.count == 1
    }

    /// Marks the timer fired if it is not; returns a row only when it did.
    static func claimTimerQuery(_ id: IncidentTimer.ID, at time: Timestamp) -> PostgresQuery {
        """
        UPDATE timer SET fired_ms = \(time.milliseconds)
        WHERE incident_id = \(id.incidentID) AND kind = \(id.kind.rawValue) AND key = \(PostgresText.encode(id.key))
        AND fired_ms IS NULL RETURNING 1
        """
    }

    public func firedTimers(incidentID: Int64) async throws -> Set<IncidentTimer.ID> {
        let rows = try await rows(
            "read of the fired timers of incident #\(incidentID)",
            "SELECT incident_id, kind, key FROM timer WHERE incident_id = \(incidentID) AND fired_ms IS NOT NULL")
        do {
            return Set(try rows.map { try Self.timerID($0.makeRandomAccess()) })
        } catch {
            throw StoreError.wrap(error, operation: "read of fired timers")
        }
    }

    /// The id in columns 0–2 (incident_id, kind, key).
    private static func timerID(_ cells: PostgresRandomAccessRow) throws -> IncidentTimer.ID {
        try timerID(try cells[0].decode(Int64.self), try cells[1].decode(String.self), try cells[2].decode(String.self))
    }

    private static func timerID(_ incidentID: Int64, _ kindName: String, _ key: String) throws -> IncidentTimer.ID {
        guard let kind = IncidentTimer.Kind(rawValue: kindName) else {
            throw StoreError.unreadableRow("timer of incident #\(incidentID) of kind \(kindName)")
        }
        return IncidentTimer.ID(incidentID: incidentID, kind: kind, key: PostgresText.decode(key))
    }
}
