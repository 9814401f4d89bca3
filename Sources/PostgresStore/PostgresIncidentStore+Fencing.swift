import PostgresNIO
import SitrepCore

/// `FencingStore`: each call locks the lease row (`FOR SHARE`) before it claims or takes, so the lease cannot
/// change hands between the check and the write; an instance taking the lease waits for the claim to commit.
extension PostgresIncidentStore {
    public func claimEffect(_ key: String, holder: String, epoch: Int64, at time: Timestamp) async throws -> Bool {
        do {
            let client = try await connector.client()
            return try await client.withTransaction(logger: logger) { connection in
                try await checkLease(connection, holder: holder, epoch: epoch)
                let inserted = try await connection.rows(
                    """
                    INSERT INTO effect_claim (key, holder, epoch, claimed_ms)
                    VALUES (\(PostgresText.encode(key)), \(PostgresText.encode(holder)), \(epoch), \(time.milliseconds))
                    ON CONFLICT (key) DO NOTHING RETURNING key
                    """, logger: logger)
                return !inserted.isEmpty
            }
        } catch {
            if let lost = Self.leaseLost(error) { throw lost }
            throw PostgresStoreError.wrap(error, operation: "claiming \(key)")
        }
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
            """)
        do {
            return try rows.map { row in
                let (key, holder, epoch, claimed, payload) = try row.decode((String, String, Int64, Int64, String).self)
                return UnsettledEffect(
                    key: PostgresText.decode(key), holder: PostgresText.decode(holder), epoch: epoch,
                    claimedAt: Timestamp(milliseconds: claimed), payload: PostgresText.decode(payload))
            }
        } catch {
            throw PostgresStoreError.wrap(error, operation: "reading unsettled effects")
        }
    }

    public func queueAlerts(_ payload: String, at time: Timestamp) async throws {
        _ = try await rows(
            "queueing alerts",
            "INSERT INTO alert_queue (received_ms, notices) VALUES (\(time.milliseconds), \(PostgresText.encode(payload)))"
        )
    }

    public func takeQueuedAlerts(holder: String, epoch: Int64, limit: Int) async throws -> [QueuedAlerts] {
        do {
            let client = try await connector.client()
            return try await client.withTransaction(logger: logger) { connection in
                try await checkLease(connection, holder: holder, epoch: epoch)
                let rows = try await connection.rows(
                    """
                    DELETE FROM alert_queue WHERE id IN (SELECT id FROM alert_queue ORDER BY id LIMIT \(limit))
                    RETURNING id, received_ms, notices
                    """, logger: logger)
                return try rows.map { row in
                    let (id, received, payload) = try row.decode((Int64, Int64, String).self)
                    return QueuedAlerts(
                        id: id, receivedAt: Timestamp(milliseconds: received), payload: PostgresText.decode(payload))
                }
                .sorted { $0.id < $1.id }
            }
        } catch {
            if let lost = Self.leaseLost(error) { throw lost }
            throw PostgresStoreError.wrap(error, operation: "taking queued alerts")
        }
    }

    private func checkLease(_ connection: PostgresConnection, holder: String, epoch: Int64) async throws {
        let rows = try await connection.rows(
            "SELECT holder, epoch, expires_ms FROM lease WHERE name = \(Self.activeLease) FOR SHARE", logger: logger)
        let lease = try rows.first.map(Self.lease)
        guard LeaseLost.holds(lease, holder: holder, epoch: epoch) else {
            throw LeaseLost(holder: holder, epoch: epoch, current: lease)
        }
    }

    /// The `LeaseLost` thrown inside a transaction (postgres-nio wraps it), if that is what failed.
    private static func leaseLost(_ error: any Error) -> LeaseLost? {
        if let lost = error as? LeaseLost { return lost }
        return (error as? PostgresTransactionError)?.closureError as? LeaseLost
    }
}
