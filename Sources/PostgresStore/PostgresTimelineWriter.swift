import Logging
import PostgresNIO
import SitrepCore
import StoreKit

/// Writes timeline entries inside a transaction: locks the incidents, numbers and chains the entries in memory,
/// then stores them and the new chain heads in one statement.
///
/// `lock` takes `FOR NO KEY UPDATE` on each incident row in id order (so two writers never deadlock) and only
/// then, in a second statement with a fresh snapshot, reads each chain head: a writer that waited for the lock
/// sees what the one before it committed. Sequences continue after the larger of the last stored sequence and
/// the head's, as in SQLite, so removed tail entries stay a visible gap and a forged row never blocks an append.
/// The batch goes in as one `INSERT … SELECT FROM unnest(arrays)`: ten array parameters whatever its size,
/// one round trip, no statement text per row.
struct PostgresTimelineWriter {
    private let connection: PostgresConnection
    private let logger: Logger
    private var chain = TimelineChainBuilder()
    /// An entry numbered and chained, waiting for `write`.
    private struct Row {
        var entry: TimelineEntry
        var link: TimelineChainBuilder.Link
    }

    private var pending: [Row] = []

    private init(connection: PostgresConnection, logger: Logger) {
        self.connection = connection
        self.logger = logger
    }

    /// A writer for entries of `incidentIDs`, whose rows it locks; throws `unknownIncident` for a missing one.
    static func lock(_ incidentIDs: Set<Int64>, on connection: PostgresConnection, logger: Logger) async throws -> Self {
        var writer = Self(connection: connection, logger: logger)
        guard !incidentIDs.isEmpty else { return writer }
        let ids = incidentIDs.sorted()
        var locked: Set<Int64> = []
        let lockRows = try await connection.query(
            "SELECT id FROM incident WHERE id = ANY(\(ids)) ORDER BY id FOR NO KEY UPDATE", logger: logger)
        for try await id in lockRows.decode(Int64.self) { locked.insert(id) }
        if let missing = ids.first(where: { !locked.contains($0) }) { throw StoreError.unknownIncident(missing) }
        let rows = try await connection.query(
            """
            SELECT i.id, GREATEST(h.seq, (SELECT MAX(seq) FROM timeline t WHERE t.incident_id = i.id)), h.hash,
                (SELECT t.hash FROM timeline t WHERE t.incident_id = i.id ORDER BY t.seq DESC LIMIT 1)
            FROM unnest(\(ids)) AS i (id) LEFT JOIN chain_head h ON h.incident_id = i.id
            """, logger: logger)
        for try await row in rows {
            let cells = row.makeRandomAccess()
            let id = try cells[0].decode(Int64.self)
            let hash = try ChainHash(cell: cells[2]) ?? ChainHash(cell: cells[3]) ?? writer.chain.genesis(of: id).hash
            writer.chain.start(id, at: .init(sequence: try cells[1].decode(Int64?.self) ?? 0, hash: hash))
        }
        return writer
    }

    /// Numbers and chains `entries` after what this writer holds already; `write` stores them.
    mutating func add(_ entries: [TimelineEntry]) throws {
        pending.reserveCapacity(pending.count + entries.count)
        for entry in entries {
            pending.append(Row(entry: entry, link: try chain.add(entry)))
        }
    }

    /// Stores every entry added and the new head of each incident touched, in one statement.
    mutating func write() async throws {
        guard !pending.isEmpty else { return }
        let heads = chain.heads
        let headIDs = heads.map(\.incidentID)
        let headLinks = heads.map(\.link)
        let query: PostgresQuery = """
            WITH entries AS (
                INSERT INTO timeline (incident_id, seq, time_ms, kind, author, account, text, detail, key_event, hash)
                SELECT * FROM unnest(\(pending.map(\.entry.incidentID)), \(pending.map(\.link.sequence)),
                    \(pending.map(\.entry.time.milliseconds)), \(pending.map(\.entry.kind.rawValue)),
                    \(NullableTextArray(pending.map(\.entry.author))), \(NullableTextArray(pending.map(\.entry.account))),
                    \(NullableTextArray(pending.map(\.entry.text))), \(NullableTextArray(pending.map(\.entry.detail?.encoded))),
                    \(pending.map(\.entry.isKeyEvent)), \(HashArray(pending.map(\.link.hash))))
            )
            INSERT INTO chain_head (incident_id, seq, hash)
            SELECT * FROM unnest(\(headIDs), \(headLinks.map(\.sequence)), \(HashArray(headLinks.map(\.hash))))
            ON CONFLICT (incident_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
            """
        try await connection.query(query, logger: logger)
        pending.removeAll(keepingCapacity: true)
    }
}
