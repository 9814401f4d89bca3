import PostgresNIO
import SitrepCore
import StoreKit

extension PostgresSchema {
    /// Who takes a schedule's shifts over, and for how long (`OnCallOverrideStore`); `person` and `created_by` are
    /// JSON text (`ChatIdentity`), as in SQLite.
    static let onCallOverrides = [
        """
        CREATE TABLE oncall_override (
            id bigserial PRIMARY KEY, schedule text NOT NULL, person text NOT NULL, start_ms bigint NOT NULL,
            end_ms bigint NOT NULL, created_by text NOT NULL, created_at_ms bigint NOT NULL)
        """,
        "CREATE INDEX oncall_override_by_end ON oncall_override (end_ms, id)",
    ]
}

extension PostgresIncidentStore {
    static let onCallOverrideColumns = "id, schedule, person, start_ms, end_ms, created_by, created_at_ms"

    public func addOnCallOverride(_ override: OnCallOverride) async throws -> OnCallOverride {
        let person = try JSONText.encode(override.person)
        let creator = try JSONText.encode(override.createdBy)
        let rows = try await rows(
            "adding an on-call override to schedule \(override.schedule)",
            """
            INSERT INTO oncall_override (schedule, person, start_ms, end_ms, created_by, created_at_ms)
            VALUES (\(PostgresText.encode(override.schedule)), \(person), \(override.start.milliseconds),
                \(override.end.milliseconds), \(creator), \(override.createdAt.milliseconds))
            RETURNING \(unescaped: Self.onCallOverrideColumns)
            """)
        guard let row = rows.first else { throw StoreError.unreadableRow("the new on-call override") }
        return try Self.onCallOverride(row)
    }

    public func onCallOverrides(schedule: String?, endingAfter after: Timestamp) async throws -> [OnCallOverride] {
        let operation = "read of on-call overrides"
        let rows = try await rows(
            operation,
            """
            SELECT \(unescaped: Self.onCallOverrideColumns) FROM oncall_override
            WHERE end_ms > \(after.milliseconds)
                AND (\(PostgresText.encode(schedule))::text IS NULL OR schedule = \(PostgresText.encode(schedule)))
            ORDER BY id
            """, isRead: true)
        do {
            return try rows.map(Self.onCallOverride)
        } catch {
            throw StoreError.wrap(error, operation: operation)
        }
    }

    private static func onCallOverride(_ row: PostgresRow) throws -> OnCallOverride {
        let cells = row.makeRandomAccess()
        return OnCallOverride(
            id: try cells[0].decode(Int64.self),
            schedule: PostgresText.decode(try cells[1].decode(String.self)),
            person: try JSONText.decode(ChatIdentity.self, try cells[2].decode(String.self)),
            start: Timestamp(milliseconds: try cells[3].decode(Int64.self)),
            end: Timestamp(milliseconds: try cells[4].decode(Int64.self)),
            createdBy: try JSONText.decode(ChatIdentity.self, try cells[5].decode(String.self)),
            createdAt: Timestamp(milliseconds: try cells[6].decode(Int64.self)))
    }
}
