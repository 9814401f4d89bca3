import PostgresNIO
import SitrepCore
import StoreKit

extension PostgresIncidentStore {
    static let followUpColumns = "id, incident_id, text, owner, state, created_at_ms, created_by, done_at_ms"

    public func addFollowUp(
        incidentID: Int64, text: String, owner: String?, createdBy: Participant, at time: Timestamp
    ) async throws -> FollowUp {
        let creator = try JSONText.encode(createdBy)
        let rows = try await rows(
            "adding a follow-up to incident #\(incidentID)",
            """
            INSERT INTO follow_up (incident_id, text, owner, state, created_at_ms, created_by)
            SELECT id, \(PostgresText.encode(text)), \(PostgresText.encode(owner)), 'open', \(time.milliseconds),
                \(creator)
            FROM incident WHERE id = \(incidentID)
            RETURNING \(unescaped: Self.followUpColumns)
            """)
        guard let row = rows.first else { throw StoreError.unknownIncident(incidentID) }
        return try Self.followUp(row)
    }

    /// Marks a follow-up done; one already done keeps its first completion time. Nil if there is no such id.
    public func completeFollowUp(id: Int64, at time: Timestamp) async throws -> FollowUp? {
        try await write("completing follow-up \(id)") { [self] connection in
            try await connection.query(
                "UPDATE follow_up SET state = 'done', done_at_ms = \(time.milliseconds) WHERE id = \(id) AND state <> 'done'",
                logger: logger)
            let rows = try await connection.rows(
                "SELECT \(unescaped: Self.followUpColumns) FROM follow_up WHERE id = \(id)", logger: logger)
            return try rows.first.map(Self.followUp)
        }
    }

    public func followUps(incidentID: Int64?, openOnly: Bool) async throws -> [FollowUp] {
        let rows = try await rows(
            "read of follow-ups",
            """
            SELECT \(unescaped: Self.followUpColumns) FROM follow_up
            WHERE (\(incidentID)::bigint IS NULL OR incident_id = \(incidentID)) AND (NOT \(openOnly) OR state = 'open')
            ORDER BY id
            """, isRead: true)
        do {
            return try rows.map(Self.followUp)
        } catch {
            throw StoreError.wrap(error, operation: "read of follow-ups")
        }
    }

    private static func followUp(_ row: PostgresRow) throws -> FollowUp {
        let cells = row.makeRandomAccess()
        return FollowUp(
            id: try cells[0].decode(Int64.self),
            incidentID: try cells[1].decode(Int64.self),
            text: PostgresText.decode(try cells[2].decode(String.self)),
            owner: PostgresText.decode(try cells[3].decode(String?.self)),
            state: FollowUp.State(rawValue: try cells[4].decode(String.self)) ?? .open,
            createdAt: Timestamp(milliseconds: try cells[5].decode(Int64.self)),
            createdBy: try JSONText.decode(Participant.self, try cells[6].decode(String.self)),
            doneAt: try cells[7].decode(Int64?.self).map(Timestamp.init(milliseconds:))
        )
    }
}
