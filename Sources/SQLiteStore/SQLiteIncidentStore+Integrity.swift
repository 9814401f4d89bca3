import GRDB
import SitrepCore
import StoreKit

extension SQLiteIncidentStore {
    /// Reads the timeline in one snapshot, row by row through a cursor (constant memory), feeding the verifier.
    public func verify(incidentID: Int64) async throws -> ChainVerification {
        try await read("verification of the timeline of incident #\(incidentID)") { db in
            let hasher = SHA256ChainHasher()
            var verifier = TimelineChainVerifier(incidentID: incidentID, hasher: hasher)
            let rows = try ChainedTimelineRecord.fetchCursor(
                db,
                sql: "\(ChainedTimelineRecord.query) ORDER BY seq",
                arguments: [incidentID]
            )
            while let row = try rows.next() {
                if let verdict = verifier.entryRead(row.chained.entry, hash: row.chained.hash) { return verdict }
            }
            return verifier.endReached(recordedHead: try Self.chainHead(db, incidentID: incidentID, hasher: hasher))
        }
    }

    public func chainHead(incidentID: Int64) async throws -> ChainHead {
        try await read("read of the chain head of incident #\(incidentID)") { db in
            try Self.chainHead(db, incidentID: incidentID, hasher: SHA256ChainHasher())
        }
    }

    public func incidentIDs() async throws -> [Int64] {
        try await read("read of incident ids") { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM incident ORDER BY id")
        }
    }

    public func chainedEntries(incidentID: Int64, after sequence: Int64, limit: Int) async throws -> [ChainedEntry] {
        guard limit > 0 else { return [] }
        return try await read("read of the timeline of incident #\(incidentID)") { db in
            try ChainedTimelineRecord.fetchAll(
                db,
                sql: "\(ChainedTimelineRecord.query) AND seq > ? ORDER BY seq LIMIT ?",
                arguments: [incidentID, sequence, limit]
            ).map(\.chained)
        }
    }

    private static func chainHead(_ db: Database, incidentID: Int64, hasher: SHA256ChainHasher) throws -> ChainHead {
        let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM chain_head WHERE incident_id = ?", arguments: [incidentID])
        guard let row, let hash = ChainHash(databaseValue: row[1]) else {
            return ChainHead(sequence: 0, hash: hasher.genesis(incidentID: incidentID))
        }
        return ChainHead(sequence: row[0], hash: hash)
    }
}

/// A `timeline` row with its `hash` column, for verification and export.
struct ChainedTimelineRecord: FetchableRecord {
    /// The rows of one incident (`?` is its id); callers add the order and any further condition.
    static let query = "SELECT \(TimelineRecord.selection), hash FROM timeline WHERE incident_id = ?"

    var chained: ChainedEntry

    init(row: Row) throws {
        let entry = try TimelineRecord(row: row).entry
        chained = ChainedEntry(entry: entry, hash: ChainHash(databaseValue: row[9]))
    }
}
