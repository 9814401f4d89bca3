import GRDB
import GRDBSQLite
import SitrepCore
import StoreKit

/// The hot path: inserts timeline entries with cached prepared statements and raw SQLite bindings, chaining
/// each entry's hash to the previous one of its incident (`TimelineChain`).
///
/// Rows go 32 at a time through one multi-row `INSERT` (the remainder through a one-row statement): per row
/// ten `sqlite3_bind_*` calls, one SHA-256 over a reused buffer, no record encoding, no `StatementArguments`
/// array, no logging. Text is bound with its UTF-8 byte count, so NUL and control characters are stored as
/// they are. Release, 2 cores, 80-byte lines in 5,000-line batches (`deploy/bench/store-bench.sh`): ~1.1M
/// lines/s before the chain, ~0.74M with it (SHA-256 and the 32-byte column).
///
/// The chain state of each incident (last sequence, last hash) is read once per incident per transaction
/// inside the write transaction, from `chain_head` (falling back to the last row), and written back to
/// `chain_head` after each batch: nothing is cached across transactions, so a rolled-back batch leaves no
/// hole. Sequences continue after the larger of `MAX(seq)` and the head's sequence, so entries removed from
/// the end stay visible as a gap and a row forged past the head never blocks an append.
struct TimelineWriter {
    /// Rows per multi-row INSERT; the rest of a batch goes through the one-row statement.
    static let rowsPerStatement = 32
    private static let columnsPerRow: CInt = 10
    private static let insertSQL = insertSQL(rows: 1)
    private static let multiInsertSQL = insertSQL(rows: rowsPerStatement)
    private static let chainStateSQL = """
        SELECT (SELECT 1 FROM incident WHERE id = ?1),
            (SELECT MAX(seq) FROM timeline WHERE incident_id = ?1),
            (SELECT seq FROM chain_head WHERE incident_id = ?1),
            (SELECT hash FROM chain_head WHERE incident_id = ?1),
            (SELECT hash FROM timeline WHERE incident_id = ?1 ORDER BY seq DESC LIMIT 1)
        """
    private static let headSQL = """
        INSERT INTO chain_head (incident_id, seq, hash) VALUES (?, ?, ?)
        ON CONFLICT (incident_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
        """

    private typealias Link = TimelineChainBuilder.Link

    private let db: Database
    private let insert: Statement
    private let multiInsert: Statement
    private var chain = TimelineChainBuilder()

    init(_ db: Database) throws {
        self.db = db
        insert = try db.cachedStatement(sql: Self.insertSQL)
        multiInsert = try db.cachedStatement(sql: Self.multiInsertSQL)
        // Values are bound below with raw sqlite3_bind calls; tell GRDB the statements need no arguments of its
        // own so `execute()` runs them as bound (GRDB still does its bookkeeping and error reporting).
        insert.setUncheckedArguments(StatementArguments())
        multiInsert.setUncheckedArguments(StatementArguments())
    }

    /// Inserts `entries` in order, each with the next sequence of its incident and its chained hash, then
    /// records the new head of each incident touched.
    mutating func insert(_ entries: [TimelineEntry]) throws {
        guard !entries.isEmpty else { return }
        let links = try chain(entries)
        let rows = Self.rowsPerStatement
        var index = 0
        while entries.count - index >= rows {
            let statement = multiInsert.sqliteStatement
            sqlite3_reset(statement)
            for row in 0..<rows {
                bind(entries[index + row], links[index + row], from: CInt(row) * Self.columnsPerRow + 1, of: statement)
            }
            try multiInsert.execute()
            index += rows
        }
        let statement = insert.sqliteStatement
        while index < entries.count {
            sqlite3_reset(statement)
            bind(entries[index], links[index], from: 1, of: statement)
            try insert.execute()
            index += 1
        }
        try recordHeads()
    }

    /// The sequence and hash of each entry, continuing its incident's chain, in the order given (each chain
    /// started from its stored head the first time its incident comes).
    private mutating func chain(_ entries: [TimelineEntry]) throws -> [Link] {
        var links: [Link] = []
        links.reserveCapacity(entries.count)
        var currentID: Int64?
        // By index: iterating by value would copy each entry's strings.
        for index in entries.indices {
            let incidentID = entries[index].incidentID
            if incidentID != currentID {
                currentID = incidentID
                if chain.head(of: incidentID) == nil {
                    chain.start(incidentID, at: try storedHead(of: incidentID))
                }
            }
            links.append(try chain.add(entries[index]))
        }
        return links
    }

    /// The last link of an incident as stored (sequence 0 and genesis for an empty timeline); throws if the
    /// incident does not exist.
    private func storedHead(of incidentID: Int64) throws -> Link {
        let row = try Row.fetchOne(db.cachedStatement(sql: Self.chainStateSQL), arguments: [incidentID])
        guard let row, row[0] as Int64? != nil else { throw StoreError.unknownIncident(incidentID) }
        let sequence = max(row[1] as Int64? ?? 0, row[2] as Int64? ?? 0)
        let hash =
            ChainHash(databaseValue: row[3]) ?? ChainHash(databaseValue: row[4])
            ?? chain.genesis(of: incidentID).hash
        return Link(sequence: sequence, hash: hash)
    }

    private func recordHeads() throws {
        let statement = try db.cachedStatement(sql: Self.headSQL)
        for (incidentID, head) in chain.heads {
            try statement.execute(arguments: [incidentID, head.sequence, head.hash.databaseValue])
        }
    }

    private static func insertSQL(rows: Int) -> String {
        let values = Array(repeating: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", count: rows).joined(separator: ", ")
        return "INSERT INTO timeline (\(TimelineRecord.selection), hash) VALUES \(values)"
    }

    /// Binds one row's ten values starting at parameter `first`.
    private func bind(_ entry: TimelineEntry, _ link: Link, from first: CInt, of statement: SQLiteStatement) {
        sqlite3_bind_int64(statement, first, entry.incidentID)
        sqlite3_bind_int64(statement, first + 1, link.sequence)
        sqlite3_bind_int64(statement, first + 2, entry.time.milliseconds)
        bind(entry.kind.rawValue, at: first + 3, of: statement)
        bind(entry.author, at: first + 4, of: statement)
        bind(entry.account, at: first + 5, of: statement)
        bind(entry.text, at: first + 6, of: statement)
        bind(entry.detail?.encoded, at: first + 7, of: statement)
        sqlite3_bind_int(statement, first + 8, entry.isKeyEvent ? 1 : 0)
        link.hash.withUnsafeBytes { bytes in
            _ = sqlite3_bind_blob(statement, first + 9, bytes.baseAddress, CInt(bytes.count), Self.transient)
        }
    }

    private func bind(_ text: String?, at index: CInt, of statement: SQLiteStatement) {
        guard var text else {
            sqlite3_bind_null(statement, index)
            return
        }
        text.withUTF8 { bytes in
            let start = bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) }
            // An empty string has no base address; bind "" rather than NULL.
            sqlite3_bind_text(statement, index, start ?? Self.empty, CInt(bytes.count), Self.transient)
        }
    }

    nonisolated(unsafe) private static let empty: UnsafePointer<CChar> = {
        let pointer = UnsafeMutablePointer<CChar>.allocate(capacity: 1)
        pointer.initialize(to: 0)
        return UnsafePointer(pointer)
    }()

    /// `SQLITE_TRANSIENT`: SQLite copies the bytes before the call returns.
    nonisolated(unsafe) private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
