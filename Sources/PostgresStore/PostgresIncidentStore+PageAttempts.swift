import PostgresNIO
import SitrepCore
import StoreKit

extension PostgresIncidentStore {
    static let pageAttemptColumns = """
        id, incident_id, person_network, person_kind, person_name, method, address, step, status, reason, \
        queued_at_ms, updated_at_ms, failed_tries, first_failed_at_ms, retry_at_ms
        """

    /// Idempotent: a claim repeated after its commit outcome was unknown finds the row and says it was not this
    /// call's; the caller then reads the attempt's status rather than sending twice.
    public func claimPageAttempt(_ attempt: PageAttempt) async throws -> Bool {
        let rows = try await rows(
            "claim of page attempt \(attempt.id)",
            """
            INSERT INTO page_attempt (\(unescaped: Self.pageAttemptColumns))
            VALUES (\(PostgresText.encode(attempt.id)), \(attempt.incidentID), \(PostgresText.encode(attempt.person.network)),
                \(attempt.person.kind.rawValue), \(PostgresText.encode(attempt.person.name)), \(attempt.method),
                \(PostgresText.encode(attempt.address)), \(PostgresText.encode(attempt.step)), 'queued', NULL,
                \(attempt.queuedAt.milliseconds), NULL, 0, NULL, NULL)
            ON CONFLICT (id) DO NOTHING
            RETURNING id
            """, idempotent: true)
        return !rows.isEmpty
    }

    @discardableResult
    public func updatePageAttempt(id: String, status: PageAttempt.Status, reason: String?, at time: Timestamp)
        async throws -> Bool
    {
        let rows = try await rows(
            "update of page attempt \(id)",
            """
            UPDATE page_attempt SET status = \(status.rawValue), reason = \(PostgresText.encode(reason)),
                updated_at_ms = \(time.milliseconds)
            WHERE id = \(PostgresText.encode(id)) AND status <> 'acknowledged'
            RETURNING id
            """, idempotent: true)
        if !rows.isEmpty { return true }
        let known = try await self.rows(
            "read of page attempt \(id)", "SELECT 1 FROM page_attempt WHERE id = \(PostgresText.encode(id))",
            isRead: true)
        return !known.isEmpty
    }

    public func recordPageRetry(
        id: String, failedTries: Int, firstFailedAt: Timestamp, retryAt: Timestamp, lastFailure: String
    ) async throws {
        _ = try await rows(
            "retry of page attempt \(id)",
            """
            UPDATE page_attempt SET failed_tries = \(failedTries), first_failed_at_ms = \(firstFailedAt.milliseconds),
                retry_at_ms = \(retryAt.milliseconds), reason = \(PostgresText.encode(lastFailure))
            WHERE id = \(PostgresText.encode(id)) AND status = 'queued'
            RETURNING id
            """, idempotent: true)
    }

    public func pageAttempts(incidentID: Int64) async throws -> [PageAttempt] {
        let rows = try await rows(
            "read of the page attempts of incident #\(incidentID)",
            """
            SELECT \(unescaped: Self.pageAttemptColumns) FROM page_attempt WHERE incident_id = \(incidentID)
            ORDER BY queued_at_ms, id
            """, isRead: true)
        return try decodeAttempts(rows, operation: "read of the page attempts of incident #\(incidentID)")
    }

    public func queuedPageAttempts() async throws -> [PageAttempt] {
        let rows = try await rows(
            "read of the queued page attempts",
            """
            SELECT \(unescaped: Self.pageAttemptColumns) FROM page_attempt WHERE status = 'queued'
            ORDER BY queued_at_ms, id
            """, isRead: true)
        return try decodeAttempts(rows, operation: "read of the queued page attempts")
    }

    private func decodeAttempts(_ rows: [PostgresRow], operation: String) throws -> [PageAttempt] {
        do {
            return try rows.map { row in
                let cells = row.makeRandomAccess()
                return PageAttempt(
                    id: PostgresText.decode(try cells[0].decode(String.self)),
                    incidentID: try cells[1].decode(Int64.self),
                    person: ChatIdentity(
                        network: PostgresText.decode(try cells[2].decode(String.self)),
                        kind: ChatIdentity.Kind(rawValue: try cells[3].decode(String.self)) ?? .nick,
                        name: PostgresText.decode(try cells[4].decode(String.self))),
                    method: try cells[5].decode(String.self),
                    address: PostgresText.decode(try cells[6].decode(String.self)),
                    step: PostgresText.decode(try cells[7].decode(String.self)),
                    status: PageAttempt.Status(rawValue: try cells[8].decode(String.self)) ?? .failed,
                    reason: PostgresText.decode(try cells[9].decode(String?.self)),
                    queuedAt: Timestamp(milliseconds: try cells[10].decode(Int64.self)),
                    updatedAt: try cells[11].decode(Int64?.self).map(Timestamp.init(milliseconds:)),
                    failedTries: Int(try cells[12].decode(Int64.self)),
                    firstFailedAt: try cells[13].decode(Int64?.self).map(Timestamp.init(milliseconds:)),
                    retryAt: try cells[14].decode(Int64?.self).map(Timestamp.init(milliseconds:)))
            }
        } catch {
            throw StoreError.wrap(error, operation: operation)
        }
    }
}
