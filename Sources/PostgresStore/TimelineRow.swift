import PostgresNIO
import SitrepCore
import StoreKit

/// A `timeline` row as a `TimelineEntry` (and its stored hash), read by column index in `columns` order.
enum TimelineRow {
    static let columns = "incident_id, seq, time_ms, kind, author, account, text, detail, key_event"
    /// The kinds `lastMessage` and transcript indexing look at: things a person said.
    static let spokenKinds = "'message', 'action', 'notice'"

    static func entry(from row: PostgresRow) throws -> TimelineEntry {
        try entry(from: row.makeRandomAccess())
    }

    static func entry(from cells: PostgresRandomAccessRow) throws -> TimelineEntry {
        let kindName = try cells[3].decode(String.self)
        guard let kind = TimelineEntry.Kind(rawValue: kindName) else {
            throw StoreError.unreadableRow("timeline entry of kind \(kindName)")
        }
        return TimelineEntry(
            incidentID: try cells[0].decode(Int64.self),
            sequence: try cells[1].decode(Int64.self),
            time: Timestamp(milliseconds: try cells[2].decode(Int64.self)),
            kind: kind,
            author: PostgresText.decode(try cells[4].decode(String.self)),
            account: PostgresText.decode(try cells[5].decode(String?.self)),
            text: PostgresText.decode(try cells[6].decode(String.self)),
            detail: PostgresText.decode(try cells[7].decode(String?.self)).map { TimelineDetail($0) },
            isKeyEvent: try cells[8].decode(Bool.self)
        )
    }

    /// A row selected with `columns, hash`.
    static func chained(from row: PostgresRow) throws -> ChainedEntry {
        let cells = row.makeRandomAccess()
        return ChainedEntry(entry: try entry(from: cells), hash: try ChainHash(cell: cells[9]))
    }
}
