import GRDB
import GRDBSQLite
import SitrepCore

/// The hot path: inserts timeline entries with one cached prepared statement and raw SQLite bindings.
///
/// Per row it binds nine values and steps once: no record encoding, no `StatementArguments` array, no
/// logging. Text is bound with its UTF-8 byte count, so NUL and control characters are stored as they are.
/// Sequences continue from `MAX(seq)` of each incident, read once per incident per batch inside the write
/// transaction, so nothing is cached across transactions and a rolled-back batch leaves no hole.
struct TimelineWriter {
    private static let insertSQL = """
        INSERT INTO timeline (\(TimelineRecord.selection)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """
    private static let nextSequenceSQL = """
        SELECT (SELECT 1 FROM incident WHERE id = ?1), (SELECT MAX(seq) FROM timeline WHERE incident_id = ?1)
        """

    private let db: Database
    private let insert: Statement
    private var nextSequence: [Int64: Int64] = [:]

    init(_ db: Database) throws {
        self.db = db
        insert = try db.cachedStatement(sql: Self.insertSQL)
    }

    /// Inserts `entries` in order, each with the next sequence of its incident; returns them as stored.
    @discardableResult
    mutating func insert(_ entries: [TimelineEntry], returning: Bool = false) throws -> [TimelineEntry] {
        var stored: [TimelineEntry] = []
        if returning { stored.reserveCapacity(entries.count) }
        var currentID: Int64 = .min
        var sequence: Int64 = 0
        for entry in entries {
            if entry.incidentID != currentID {
                if currentID != .min { nextSequence[currentID] = sequence }
                currentID = entry.incidentID
                sequence = try nextSequence[currentID] ?? firstFreeSequence(of: currentID)
            }
            try insert(entry, sequence: sequence)
            if returning {
                var copy = entry
                copy.sequence = sequence
                stored.append(copy)
            }
            sequence += 1
        }
        if currentID != .min { nextSequence[currentID] = sequence }
        return stored
    }

    /// The next sequence of an incident (1 for an empty timeline); throws if the incident does not exist.
    private func firstFreeSequence(of incidentID: Int64) throws -> Int64 {
        let row = try Row.fetchOne(db.cachedStatement(sql: Self.nextSequenceSQL), arguments: [incidentID])
        guard let row, row[0] as Int64? != nil else { throw StoreError.unknownIncident(incidentID) }
        return (row[1] as Int64? ?? 0) + 1
    }

    private func insert(_ entry: TimelineEntry, sequence: Int64) throws {
        let statement = insert.sqliteStatement
        sqlite3_reset(statement)
        sqlite3_bind_int64(statement, 1, entry.incidentID)
        sqlite3_bind_int64(statement, 2, sequence)
        sqlite3_bind_int64(statement, 3, entry.time.milliseconds)
        bind(entry.kind.rawValue, at: 4, of: statement)
        bind(entry.author, at: 5, of: statement)
        bind(entry.account, at: 6, of: statement)
        bind(entry.text, at: 7, of: statement)
        bind(entry.detail, at: 8, of: statement)
        sqlite3_bind_int(statement, 9, entry.isKeyEvent ? 1 : 0)
        let code = sqlite3_step(statement)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(db.sqliteConnection))
            sqlite3_reset(statement)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: Self.insertSQL)
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
