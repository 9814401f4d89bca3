import Logging
import PostgresNIO
import SitrepCore
import StoreKit

/// `FencingStore`: each fenced call locks the lease row (`FOR SHARE`) before it claims or takes, so the lease
/// cannot change hands between the check and the write; an instance taking the lease waits for the claim to
/// commit. A lost lease is returned from the transaction (not thrown through it), so it reaches the caller as
/// `LeaseLost` rather than as a database failure, and the transaction writes nothing.
extension PostgresIncidentStore {
    /// A claim whose host went away while it committed is settled here rather than reported as unknown: the row
    /// is read back from the next host, and the claim holds if it is this very claim (same holder, epoch and time,
    /// nothing sent under it yet); it is made again if no row is there.
    public func claimEffect(_ key: String, holder: String, epoch: Int64, at time: Timestamp) async throws -> Bool {
        do {
            return try await tryClaim(key, holder: holder, epoch: epoch, at: time)
        } catch StoreError.commitOutcomeUnknown {
            let rows = try await rows(
                "reading back the claim of \(key)",
                "SELECT holder, epoch, claimed_ms, payload FROM effect_claim WHERE key = \(PostgresText.encode(key))",
                isRead: true)
            guard let row = rows.first else { return try await tryClaim(key, holder: holder, epoch: epoch, at: time) }
            let (claimer, claimedEpoch, claimed, payload) = try row.decode((String, Int64, Int64, String?).self)
            return PostgresText.decode(claimer) == holder && claimedEpoch == epoch && claimed == time.milliseconds
                && payload == nil
        }
    }

    private func tryClaim(_ key: String, holder: String, epoch: Int64, at time: Timestamp) async throws -> Bool {
        let outcome: Result<Bool, LeaseLost> = try await write("claiming \(key)") { [logger] connection in
            if let lost = try await Self.leaseLost(connection, holder: holder, epoch: epoch, logger: logger) {
                return .failure(lost)
            }
            let inserted = try await connection.rows(
                """
                INSERT INTO effect_claim (key, holder, epoch, claimed_ms)
                VALUES (\(PostgresText.encode(key)), \(PostgresText.encode(holder)), \(epoch), \(time.milliseconds))
                ON CONFLICT (key) DO NOTHING RETURNING key
                """, logger: logger)
            return .success(!inserted.isEmpty)
        }
        return try outcome.get()
    }

    public func checkLease(holder: String, epoch: Int64) async throws {
        let lease = try await currentLease()
        guard LeaseLost.holds(lease, holder: holder, epoch: epoch) else {
            throw LeaseLost(holder: holder, epoch: epoch, current: lease)
        }
    }

    public func describeEffect(_ key: String, payload: String) async throws {
        _ = try await rows(
            "describing \(key)",
            "UPDATE effect_claim SET payload = \(PostgresText.encode(payload)) WHERE key = \(PostgresText.encode(key))")
    }

    public func settleEffect(_ key: String, outcome: EffectOutcome, at time: Timestamp) async throws {
        _ = try await rows(
            "settling \(key)",
            """
            UPDATE effect_claim SET outcome = \(outcome.rawValue), settled_ms = \(time.milliseconds)
            WHERE key = \(PostgresText.encode(key)) AND outcome IS NULL
            """)
    }

    public func unsettledEffects(before epoch: Int64) async throws -> [UnsettledEffect] {
        let rows = try await rows(
            "reading unsettled effects",
            """
            SELECT key, holder, epoch, claimed_ms, payload FROM effect_claim
            WHERE epoch < \(epoch) AND outcome IS NULL AND payload IS NOT NULL ORDER BY claimed_ms, key
            """, isRead: true)
        do {
            return try rows.map { row in
                let (key, holder, epoch, claimed, payload) = try row.decode((String, String, Int64, Int64, String).self)
                return UnsettledEffect(
                    key: PostgresText.decode(key), holder: PostgresText.decode(holder), epoch: epoch,
                    claimedAt: Timestamp(milliseconds: claimed), payload: PostgresText.decode(payload))
            }
        } catch {
            throw StoreError.wrap(error, operation: "reading unsettled effects")
        }
    }

    public func queueAlerts(_ payload: String, at time: Timestamp) async throws {
        _ = try await rows(
            "queueing alerts",
            "INSERT INTO alert_queue (received_ms, notices) VALUES (\(time.milliseconds), \(PostgresText.encode(payload)))"
        )
    }

    public func takeQueuedAlerts(holder: String, epoch: Int64, limit: Int) async throws -> [QueuedAlerts] {
        let outcome: Result<[QueuedAlerts], LeaseLost> = try await write("taking queued alerts") {
            [logger] connection in
            if let lost = try await Self.leaseLost(connection, holder: holder, epoch: epoch, logger: logger) {
                return .failure(lost)
            }
            let rows = try await connection.rows(
                """
                DELETE FROM alert_queue WHERE id IN (SELECT id FROM alert_queue ORDER BY id LIMIT \(limit))
                RETURNING id, received_ms, notices
                """, logger: logger)
            return .success(
                try rows.map { row in
                    let (id, received, payload) = try row.decode((Int64, Int64, String).self)
                    return QueuedAlerts(
                        id: id, receivedAt: Timestamp(milliseconds: received), payload: PostgresText.decode(payload))
                }
                .sorted { $0.id < $1.id })
        }
        return try outcome.get()
    }

    /// The lease as locked for this transaction, when it is not `holder`'s under `epoch`.
    private static func leaseLost(
        _ connection: PostgresConnection, holder: String, epoch: Int64, logger: Logger
    ) async throws -> LeaseLost? {
        let rows = try await connection.rows(
            "SELECT holder, epoch, expires_ms FROM lease WHERE name = \(activeLease) FOR SHARE", logger: logger)
        let lease = try rows.first.map(Self.lease)
        return LeaseLost.holds(lease, holder: holder, epoch: epoch)
            ? nil : LeaseLost(holder: holder, epoch: epoch, current: lease)
    }
}
