import GRDB
import SitrepCore
import StoreKit

/// `FencingStore`: each call is one write transaction that reads the lease first, and SQLite has a single
/// writer, so no other instance can take the lease between the check and the claim.
extension SQLiteIncidentStore {
    public func claimEffect(_ key: String, holder: String, epoch: Int64, at time: Timestamp) async throws -> Bool {
        do {
            return try await writer.write { db in
                try Self.checkLease(db, holder: holder, epoch: epoch)
                try db.execute(
                    sql: "INSERT OR IGNORE INTO effect_claim (key, holder, epoch, claimed_ms) VALUES (?, ?, ?, ?)",
                    arguments: [key, holder, epoch, time.milliseconds])
                return db.changesCount == 1
            }
        } catch let lost as LeaseLost {
            throw lost
        } catch {
            throw StoreError.wrap(error, operation: "claiming \(key)")
        }
    }

    public func checkLease(holder: String, epoch: Int64) async throws {
        let lease = try await currentLease()
        guard LeaseLost.holds(lease, holder: holder, epoch: epoch) else {
            throw LeaseLost(holder: holder, epoch: epoch, current: lease)
        }
    }

    public func describeEffect(_ key: String, payload: String) async throws {
        try await write("describing \(key)") { db in
            try db.execute(
                sql: "UPDATE effect_claim SET payload = ? WHERE key = ?", arguments: [StoredText(payload), key])
        }
    }

    public func settleEffect(_ key: String, outcome: EffectOutcome, at time: Timestamp) async throws {
        try await write("settling \(key)") { db in
            try db.execute(
                sql: "UPDATE effect_claim SET outcome = ?, settled_ms = ? WHERE key = ? AND outcome IS NULL",
                arguments: [outcome.rawValue, time.milliseconds, key])
        }
    }

    public func unsettledEffects(before epoch: Int64) async throws -> [UnsettledEffect] {
        try await read("reading unsettled effects") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT key, holder, epoch, claimed_ms, payload FROM effect_claim
                    WHERE epoch < ? AND outcome IS NULL AND payload IS NOT NULL ORDER BY claimed_ms, key
                    """, arguments: [epoch]
            ).map { row in
                UnsettledEffect(
                    key: row["key"], holder: row["holder"], epoch: row["epoch"],
                    claimedAt: Timestamp(milliseconds: row["claimed_ms"]), payload: (row["payload"] as StoredText).string)
            }
        }
    }

    public func queueAlerts(_ payload: String, at time: Timestamp) async throws {
        try await write("queueing alerts") { db in
            try db.execute(
                sql: "INSERT INTO alert_queue (received_ms, notices) VALUES (?, ?)",
                arguments: [time.milliseconds, StoredText(payload)])
        }
    }

    public func takeQueuedAlerts(holder: String, epoch: Int64, limit: Int) async throws -> [QueuedAlerts] {
        let rows: [Row]
        do {
            rows = try await writer.write { db in
                try Self.checkLease(db, holder: holder, epoch: epoch)
                let rows = try Row.fetchAll(
                    db, sql: "SELECT id, received_ms, notices FROM alert_queue ORDER BY id LIMIT ?", arguments: [limit])
                if let last = rows.last {
                    try db.execute(sql: "DELETE FROM alert_queue WHERE id <= ?", arguments: [last["id"] as Int64])
                }
                return rows
            }
        } catch let lost as LeaseLost {
            throw lost
        } catch {
            throw StoreError.wrap(error, operation: "taking queued alerts")
        }
        return rows.map { row in
            QueuedAlerts(id: row["id"], receivedAt: Timestamp(milliseconds: row["received_ms"]), payload: (row["notices"] as StoredText).string)
        }
    }

    private static func checkLease(_ db: Database, holder: String, epoch: Int64) throws {
        let lease = try lease(db)
        guard LeaseLost.holds(lease, holder: holder, epoch: epoch) else {
            throw LeaseLost(holder: holder, epoch: epoch, current: lease)
        }
    }
}
