import PostgresNIO
import SitrepCore
import StoreKit

extension PostgresIncidentStore {
    /// Streams the timeline in one snapshot, row by row (constant memory), feeding the verifier.
    public func verify(incidentID: Int64) async throws -> ChainVerification {
        try await read("verification of the timeline of incident #\(incidentID)") { [self] connection in
            let hasher = SHA256ChainHasher()
            var verifier = TimelineChainVerifier(incidentID: incidentID, hasher: hasher)
            let rows = try await connection.query(
                """
                SELECT \(unescaped: TimelineRow.columns), hash FROM timeline WHERE incident_id = \(incidentID)
                ORDER BY seq
                """, logger: logger)
            for try await row in rows {
                let chained = try TimelineRow.chained(from: row)
                if let verdict = verifier.entryRead(chained.entry, hash: chained.hash) { return verdict }
            }
            return verifier.endReached(recordedHead: try await Self.chainHead(connection, incidentID, self))
        }
    }

    public func chainHead(incidentID: Int64) async throws -> ChainHead {
        try await read("read of the chain head of incident #\(incidentID)") { [self] connection in
            try await Self.chainHead(connection, incidentID, self)
        }
    }

    public func incidentIDs() async throws -> [Int64] {
        try await rows("read of incident ids", "SELECT id FROM incident ORDER BY id", isRead: true)
            .map { try $0.decode(Int64.self) }
    }

    public func chainedEntries(incidentID: Int64, after sequence: Int64, limit: Int) async throws -> [ChainedEntry] {
        guard limit > 0 else { return [] }
        let rows = try await rows(
            "read of the timeline of incident #\(incidentID)",
            """
            SELECT \(unescaped: TimelineRow.columns), hash FROM timeline
            WHERE incident_id = \(incidentID) AND seq > \(sequence) ORDER BY seq LIMIT \(Int64(limit))
            """, isRead: true)
        do {
            return try rows.map(TimelineRow.chained(from:))
        } catch {
            throw StoreError.wrap(error, operation: "read of the timeline of incident #\(incidentID)")
        }
    }

    private static func chainHead(
        _ connection: PostgresConnection, _ incidentID: Int64, _ store: PostgresIncidentStore
    ) async throws -> ChainHead {
        let rows = try await connection.rows(
            "SELECT seq, hash FROM chain_head WHERE incident_id = \(incidentID)", logger: store.logger)
        guard let cells = rows.first?.makeRandomAccess(), let hash = try ChainHash(cell: cells[1]) else {
            return ChainHead(sequence: 0, hash: SHA256ChainHasher().genesis(incidentID: incidentID))
        }
        return ChainHead(sequence: try cells[0].decode(Int64.self), hash: hash)
    }
}
