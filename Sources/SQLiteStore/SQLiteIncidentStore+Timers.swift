import GRDB
import SitrepCore
import StoreKit

/// `TimerStore`: a fired row is never deleted, re-armed or un-fired, so a claim succeeds once per id, ever.
extension SQLiteIncidentStore {
    /// Stores a changed plan, or the same plan again, in one transaction: pending timers no longer planned are
    /// deleted, planned ones inserted or moved to their new due time and text. Fired timers are left as they are,
    /// whether the plan names them or not.
    public func replaceTimers(incidentID: Int64, with timers: [IncidentTimer]) async throws {
        if let stranger = timers.first(where: { $0.id.incidentID != incidentID }) {
            throw StoreError.timerOfAnotherIncident(timer: stranger.id.description, incidentID: incidentID)
        }
        try await write("replacing the timers of incident #\(incidentID)") { db in
            try Self.replaceTimers(db, incidentID: incidentID, with: timers)
        }
    }

    /// `replaceTimers` inside a transaction of the caller's.
    static func replaceTimers(_ db: Database, incidentID: Int64, with timers: [IncidentTimer]) throws {
        guard try IncidentRecord.exists(db, key: incidentID) else {
            throw StoreError.unknownIncident(incidentID)
        }
        let planned = Set(timers.map(\.id))
        let pending = try TimerRecord.fetchAll(
            db,
            sql: "SELECT \(TimerRecord.selection) FROM timer WHERE incident_id = ? AND fired_ms IS NULL",
            arguments: [incidentID]
        )
        let delete = try db.cachedStatement(
            sql: "DELETE FROM timer WHERE incident_id = ? AND kind = ? AND key = ? AND fired_ms IS NULL"
        )
        for record in pending {
            let id = try record.id()
            if !planned.contains(id) { try delete.execute(arguments: TimerRecord.arguments(id)) }
        }
        let upsert = try db.cachedStatement(sql: Self.upsertTimerSQL)
        for timer in timers {
            let record = TimerRecord(timer)
            try upsert.execute(arguments: [record.incidentID, record.kind, record.key, record.dueMs, record.text])
        }
    }

    /// The `WHERE` on the update is what keeps a fired timer fired: a conflict with a fired row changes nothing.
    private static let upsertTimerSQL = """
        INSERT INTO timer (incident_id, kind, key, due_ms, text) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (incident_id, kind, key) DO UPDATE SET due_ms = excluded.due_ms, text = excluded.text
        WHERE timer.fired_ms IS NULL
        """

    /// Ordered by due time, then incident id, kind and key (bytewise), which is the order of the partial index
    /// `timer_pending_by_due`: one index scan, no sort.
    public func pendingTimers() async throws -> [IncidentTimer] {
        try await read("read of pending timers") { db in
            let records = try TimerRecord.fetchCursor(
                db,
                sql: """
                    SELECT \(TimerRecord.selection) FROM timer WHERE fired_ms IS NULL
                    ORDER BY due_ms, incident_id, kind, key
                    """
            )
            var timers: [IncidentTimer] = []
            while let record = try records.next() {
                timers.append(try record.timer())
            }
            return timers
        }
    }

    /// The writer is serial, so of concurrent claims of one id exactly one sees the row still unfired.
    public func claimTimer(_ id: IncidentTimer.ID, at time: Timestamp) async throws -> Bool {
        try await write("claiming timer \(id)") { db in try Self.claimTimer(db, id, at: time) }
    }

    static func claimTimer(_ db: Database, _ id: IncidentTimer.ID, at time: Timestamp) throws -> Bool {
        try db.execute(
            sql: "UPDATE timer SET fired_ms = ? WHERE incident_id = ? AND kind = ? AND key = ? AND fired_ms IS NULL",
            arguments: [time.milliseconds] + TimerRecord.arguments(id)
        )
        return db.changesCount == 1
    }

    public func firedTimers(incidentID: Int64) async throws -> Set<IncidentTimer.ID> {
        try await read("read of the fired timers of incident #\(incidentID)") { db in
            let records = try TimerRecord.fetchAll(
                db,
                sql: "SELECT \(TimerRecord.selection) FROM timer WHERE incident_id = ? AND fired_ms IS NOT NULL",
                arguments: [incidentID]
            )
            return Set(try records.map { try $0.id() })
        }
    }
}
