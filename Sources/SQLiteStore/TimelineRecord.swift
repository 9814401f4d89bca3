import GRDB
import SitrepCore
import StoreKit

/// A row of the `timeline` table: one `TimelineEntry`, keyed by `(incident_id, seq)`.
///
/// Rows are written by `TimelineWriter` (raw bindings, the hot path) and read through this type, whose text
/// columns are decoded with explicit lengths so NUL and control characters come back intact.
struct TimelineRecord: FetchableRecord {
    static let databaseTableName = "timeline"
    /// The columns in the order `TimelineWriter` binds them and `selection` reads them.
    static let selection = "incident_id, seq, time_ms, kind, author, account, text, detail, key_event"

    enum Columns {
        static let incidentID = Column("incident_id")
        static let sequence = Column("seq")
        static let time = Column("time_ms")
        static let kind = Column("kind")
        static let author = Column("author")
        static let account = Column("account")
        static let text = Column("text")
        static let detail = Column("detail")
        static let isKeyEvent = Column("key_event")
    }

    /// The kinds `lastMessage` looks at: things a person said.
    static let spokenKinds: [TimelineEntry.Kind] = [.message, .action, .notice]

    var entry: TimelineEntry

    /// Reads the columns in `selection` order, by index (no name lookups, no String(cString:)).
    init(row: Row) throws {
        let kindName: String = row[3]
        guard let kind = TimelineEntry.Kind(rawValue: kindName) else {
            throw StoreError.databaseFailure(
                operation: "read timeline",
                reason: "unknown entry kind \(kindName)",
                advice: "the row was written by a newer sitrep; upgrade sitrep"
            )
        }
        let account: StoredText? = row[5]
        let detail: StoredText? = row[7]
        entry = TimelineEntry(
            incidentID: row[0],
            sequence: row[1],
            time: Timestamp(milliseconds: row[2]),
            kind: kind,
            author: (row[4] as StoredText).string,
            account: account?.string,
            text: (row[6] as StoredText).string,
            detail: detail.map { TimelineDetail($0.string) },
            isKeyEvent: row[8]
        )
    }
}
