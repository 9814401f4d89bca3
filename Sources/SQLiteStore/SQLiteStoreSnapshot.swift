import Foundation
import GRDB
import SitrepCore
import StoreKit

/// The SQLite store's whole history as one unchanging snapshot, read page by page for `sitrep migrate-store`.
///
/// The snapshot is a read transaction on a connection of its own (WAL mode): the bot may keep writing while the
/// copy runs, and every page, count and chain head comes from the same moment. Text is read with explicit
/// lengths (`StoredText`), so NUL survives; `services` is decoded from its JSON text; the search index is read
/// from the FTS5 table's rowids (`incident_id << 20 | piece`) and its `title`/`body` columns.
public struct SQLiteStoreSnapshot: StoreCopySource {
    let snapshot: DatabaseSnapshot
    /// The database file, for messages.
    public let path: String

    public func count(of table: StoreCopyTable) async throws -> Int {
        try await read("count of \(table)") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.name)") ?? 0
        }
    }

    public func rows(of table: StoreCopyTable, after key: StoreCopyRow?, limit: Int) async throws -> [StoreCopyRow] {
        let query = Self.query(table, after: key, limit: limit)
        return try await read("read of \(table)") { db in
            let cursor = try Row.fetchCursor(db, sql: query.sql, arguments: query.arguments)
            var rows: [StoreCopyRow] = []
            while let row = try cursor.next() {
                rows.append(try table.columns.indices.map { try Self.value(row, at: $0, of: table) })
            }
            return rows
        }
    }

    public func chainHeads() async throws -> [Int64: StoreCopyHead] {
        try await read("read of the chain heads") { db in
            var heads: [Int64: StoreCopyHead] = [:]
            let cursor = try Row.fetchCursor(db, sql: Self.lastLinesSQL)
            while let row = try cursor.next() {
                let hash = try row.decode(Data?.self, atIndex: 2)
                heads[try row.decode(atIndex: 0)] = StoreCopyHead(
                    sequence: try row.decode(atIndex: 1), hash: hash.map { [UInt8]($0) })
            }
            return heads
        }
    }

    /// The last line of each incident's timeline (its largest sequence, found along the primary key).
    static let lastLinesSQL = """
        SELECT t.incident_id, t.seq, t.hash FROM timeline t
        JOIN (SELECT incident_id, MAX(seq) AS seq FROM timeline GROUP BY incident_id) m
        ON m.incident_id = t.incident_id AND m.seq = t.seq
        """

    private func read<T: Sendable>(_ operation: String, _ body: @escaping @Sendable (Database) throws -> T) async throws
        -> T
    {
        do {
            return try await snapshot.read(body)
        } catch let error as StoreCopyError {
            throw error
        } catch {
            throw StoreError.wrap(error, operation: operation)
        }
    }
}

extension SQLiteStoreSnapshot {
    /// The page query: the table's columns in order (the search index mapped to its neutral columns), after `key`.
    static func query(_ table: StoreCopyTable, after key: StoreCopyRow?, limit: Int) -> (
        sql: String, arguments: StatementArguments
    ) {
        if table == .searchText {
            let bits = SearchMigration.pieceBits
            var sql = """
                SELECT rowid >> \(bits), rowid & \((1 << bits) - 1), field,
                CASE WHEN field = 'title' THEN title ELSE body END FROM search_text
                """
            var arguments: StatementArguments = []
            if let key, case .integer(let incident) = key[0], case .integer(let piece) = key[1] {
                sql += " WHERE rowid > ?"
                arguments += [incident << bits | piece]
            }
            return (sql + " ORDER BY rowid LIMIT ?", arguments + [limit])
        }
        let keyNames = table.keyColumns.map(\.name).joined(separator: ", ")
        var sql = "SELECT \(table.columnNames.joined(separator: ", ")) FROM \(table.name)"
        var arguments: StatementArguments = []
        if let key {
            let placeholders = Array(repeating: "?", count: table.keyCount).joined(separator: ", ")
            sql += " WHERE (\(keyNames)) > (\(placeholders))"
            arguments = StatementArguments(key.prefix(table.keyCount).map(databaseValue))
        }
        return (sql + " ORDER BY \(keyNames) LIMIT ?", arguments + [limit])
    }

    /// A key value as bound for the comparison (text as stored: TEXT, or a BLOB when it holds NUL).
    private static func databaseValue(_ value: StoreCopyValue) -> DatabaseValue {
        switch value {
        case .integer(let int): int.databaseValue
        case .text(let string): StoredText(string).databaseValue
        case .boolean(let bool): bool.databaseValue
        case .bytes(let bytes): Data(bytes).databaseValue
        case .null, .textList: .null
        }
    }

    /// The value of column `index` of a row read by `query`, checked against the column's kind.
    static func value(_ row: Row, at index: Int, of table: StoreCopyTable) throws -> StoreCopyValue {
        let column = table.columns[index]
        do {
            switch column.kind {
            case .integer:
                return try row.decode(Int64?.self, atIndex: index).map(StoreCopyValue.integer) ?? .null
            case .text:
                return try row.decode(StoredText?.self, atIndex: index).map { .text($0.string) } ?? .null
            case .boolean:
                return try row.decode(Int64?.self, atIndex: index).map { .boolean($0 != 0) } ?? .null
            case .bytes:
                return try row.decode(Data?.self, atIndex: index).map { .bytes([UInt8]($0)) } ?? .null
            case .textList:
                guard let json = try row.decode(StoredText?.self, atIndex: index) else { return .null }
                return .textList(try JSONDecoder().decode([String].self, from: Data(json.string.utf8)))
            }
        } catch {
            throw StoreCopyError.unreadableValue(table: table.name, column: column.name, reason: "\(error)")
        }
    }
}

extension SQLiteIncidentStore {
    /// A snapshot of the whole history, for copying it into another store while this one keeps working.
    public func snapshot() throws -> SQLiteStoreSnapshot {
        do {
            return SQLiteStoreSnapshot(snapshot: try writer.makeSnapshot(), path: path)
        } catch {
            throw StoreError.wrap(error, operation: "snapshot for copying")
        }
    }
}
