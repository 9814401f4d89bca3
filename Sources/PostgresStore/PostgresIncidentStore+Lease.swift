import PostgresNIO
import SitrepCore
import StoreKit

/// `LeaseStore`: the compare-and-set is one `INSERT … ON CONFLICT DO UPDATE … WHERE`, which PostgreSQL runs
/// under the row's lock, so of many instances racing for a free or lapsed lease exactly one gets it.
extension PostgresIncidentStore {
    static let activeLease = "active"

    /// Takes, renews or is refused in one statement; when refused (nothing returned) the same transaction reads
    /// the lease as the holder left it. The epoch grows when the lease was lapsed, as in the SQLite store.
    public func acquireLease(holder: String, ttl: Duration, now: Timestamp) async throws -> Lease {
        let name = Self.activeLease
        let stored = PostgresText.encode(holder)
        let expires = now.adding(ttl).milliseconds
        let at = now.milliseconds
        // Idempotent: repeated with the same `now` after its commit, the renewal finds its own lease and changes
        // nothing, so a host lost mid-renewal costs a wait for the next host, not a failed renewal.
        return try await write("acquiring the lease for \(holder)", idempotent: true) { [self] connection in
            let taken = try await connection.rows(
                """
                INSERT INTO lease (name, holder, epoch, expires_ms) VALUES (\(name), \(stored), 1, \(expires))
                ON CONFLICT (name) DO UPDATE SET
                    holder = excluded.holder,
                    epoch = CASE WHEN lease.holder = excluded.holder AND lease.expires_ms > \(at)
                        THEN lease.epoch ELSE lease.epoch + 1 END,
                    expires_ms = excluded.expires_ms
                WHERE lease.expires_ms <= \(at) OR lease.holder = excluded.holder
                RETURNING holder, epoch, expires_ms
                """, logger: logger)
            if let row = taken.first { return try Self.lease(row) }
            let current = try await connection.rows(
                "SELECT holder, epoch, expires_ms FROM lease WHERE name = \(name)", logger: logger)
            guard let row = current.first else { throw StoreError.unreadableRow("lease \(name)") }
            return try Self.lease(row)
        }
    }

    public func releaseLease(holder: String, epoch: Int64) async throws {
        // Expired rather than deleted, so the next holder's epoch still grows.
        _ = try await rows(
            "releasing the lease of \(holder)",
            """
            UPDATE lease SET expires_ms = 0
            WHERE name = \(Self.activeLease) AND holder = \(PostgresText.encode(holder)) AND epoch = \(epoch)
            """, idempotent: true)
    }

    public func currentLease() async throws -> Lease? {
        let rows = try await rows(
            "read of the lease", "SELECT holder, epoch, expires_ms FROM lease WHERE name = \(Self.activeLease)",
            isRead: true)
        do {
            return try rows.first.map(Self.lease)
        } catch {
            throw StoreError.wrap(error, operation: "read of the lease")
        }
    }

    static func lease(_ row: PostgresRow) throws -> Lease {
        let (holder, epoch, expires) = try row.decode((String, Int64, Int64).self)
        return Lease(holder: PostgresText.decode(holder), epoch: epoch, expiresAt: Timestamp(milliseconds: expires))
    }
}
