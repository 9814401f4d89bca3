import GRDB
import SitrepCore

/// `LeaseStore`: the compare-and-set is one write transaction, and SQLite has a single writer, so two processes
/// on one file cannot both take the lease.
extension SQLiteIncidentStore {
    static let activeLease = "active"

    public func acquireLease(holder: String, ttl: Duration, now: Timestamp) async throws -> Lease {
        try await write("acquiring the lease for \(holder)") { db in
            let expires = now.adding(ttl).milliseconds
            guard let current = try Self.lease(db) else {
                try db.execute(
                    sql: "INSERT INTO lease (name, holder, epoch, expires_ms) VALUES (?, ?, 1, ?)",
                    arguments: [Self.activeLease, holder, expires])
                return Lease(holder: holder, epoch: 1, expiresAt: Timestamp(milliseconds: expires))
            }
            let epoch: Int64
            if current.holder == holder && current.expiresAt > now {
                epoch = current.epoch
            } else if current.expiresAt <= now {
                epoch = current.epoch + 1
            } else {
                return current
            }
            try db.execute(
                sql: "UPDATE lease SET holder = ?, epoch = ?, expires_ms = ? WHERE name = ?",
                arguments: [holder, epoch, expires, Self.activeLease])
            return Lease(holder: holder, epoch: epoch, expiresAt: Timestamp(milliseconds: expires))
        }
    }

    public func releaseLease(holder: String, epoch: Int64) async throws {
        try await write("releasing the lease of \(holder)") { db in
            // Expired rather than deleted, so the next holder's epoch still grows.
            try db.execute(
                sql: "UPDATE lease SET expires_ms = 0 WHERE name = ? AND holder = ? AND epoch = ?",
                arguments: [Self.activeLease, holder, epoch])
        }
    }

    public func currentLease() async throws -> Lease? {
        try await read("read of the lease") { db in try Self.lease(db) }
    }

    static func lease(_ db: Database) throws -> Lease? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT holder, epoch, expires_ms FROM lease WHERE name = ?", arguments: [activeLease])
        else { return nil }
        return Lease(holder: row["holder"], epoch: row["epoch"], expiresAt: Timestamp(milliseconds: row["expires_ms"]))
    }
}
