import GRDB
import SitrepCore

extension SQLiteIncidentStore {
    static let pageAttemptColumns = """
        id, incident_id, person_network, person_kind, person_name, method, address, step, status, reason, \
        queued_at_ms, updated_at_ms, failed_tries, first_failed_at_ms, retry_at_ms
        """

    public func claimPageAttempt(_ attempt: PageAttempt) async throws -> Bool {
        try await write("claim of page attempt \(attempt.id)") { db in
            try db.execute(
                sql: """
                    INSERT INTO page_attempt (\(Self.pageAttemptColumns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', NULL, ?, NULL, 0, NULL, NULL)
                    ON CONFLICT (id) DO NOTHING
                    """,
                arguments: [
                    StoredText(attempt.id), attempt.incidentID, StoredText(attempt.person.network),
                    attempt.person.kind.rawValue, StoredText(attempt.person.name), StoredText(attempt.method),
                    StoredText(attempt.address), StoredText(attempt.step), attempt.queuedAt.milliseconds,
                ])
            return db.changesCount == 1
        }
    }

    @discardableResult
    public func updatePageAttempt(id: String, status: PageAttempt.Status, reason: String?, at time: Timestamp)
        async throws -> Bool
    {
        try await write("update of page attempt \(id)") { db in
            try db.execute(
                sql: """
                    UPDATE page_attempt SET status = ?, reason = ?, updated_at_ms = ?
                    WHERE id = ? AND status <> 'acknowledged'
                    """,
                arguments: [status.rawValue, StoredText(reason), time.milliseconds, StoredText(id)])
            if db.changesCount == 1 { return true }
            return try Bool.fetchOne(db, sql: "SELECT 1 FROM page_attempt WHERE id = ?", arguments: [StoredText(id)])
                ?? false
        }
    }

    public func recordPageRetry(
        id: String, failedTries: Int, firstFailedAt: Timestamp, retryAt: Timestamp, lastFailure: String
    ) async throws {
        try await write("retry of page attempt \(id)") { db in
            try db.execute(
                sql: """
                    UPDATE page_attempt SET failed_tries = ?, first_failed_at_ms = ?, retry_at_ms = ?, reason = ?
                    WHERE id = ? AND status = 'queued'
                    """,
                arguments: [
                    failedTries, firstFailedAt.milliseconds, retryAt.milliseconds, StoredText(lastFailure),
                    StoredText(id),
                ])
        }
    }

    public func pageAttempts(incidentID: Int64) async throws -> [PageAttempt] {
        try await read("read of the page attempts of incident #\(incidentID)") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.pageAttemptColumns) FROM page_attempt WHERE incident_id = ?
                    ORDER BY queued_at_ms, id
                    """,
                arguments: [incidentID]
            ).map(Self.pageAttempt)
        }
    }

    public func queuedPageAttempts() async throws -> [PageAttempt] {
        try await read("read of the queued page attempts") { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT \(Self.pageAttemptColumns) FROM page_attempt WHERE status = 'queued'
                    ORDER BY queued_at_ms, id
                    """
            ).map(Self.pageAttempt)
        }
    }

    private static func pageAttempt(_ row: Row) -> PageAttempt {
        func text(_ index: Int) -> String { (row[index] as StoredText?)?.string ?? "" }
        return PageAttempt(
            id: text(0), incidentID: row[1],
            person: ChatIdentity(network: text(2), kind: ChatIdentity.Kind(rawValue: text(3)) ?? .nick, name: text(4)),
            method: text(5), address: text(6), step: text(7),
            status: PageAttempt.Status(rawValue: text(8)) ?? .failed, reason: (row[9] as StoredText?)?.string,
            queuedAt: Timestamp(milliseconds: row[10]),
            updatedAt: (row[11] as Int64?).map(Timestamp.init(milliseconds:)), failedTries: row[12],
            firstFailedAt: (row[13] as Int64?).map(Timestamp.init(milliseconds:)),
            retryAt: (row[14] as Int64?).map(Timestamp.init(milliseconds:)))
    }
}
