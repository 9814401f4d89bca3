import GRDB
import SitrepCore
import StoreKit

/// A row of the `timer` table: one `IncidentTimer`, keyed by `(incident_id, kind, key)`, with the time it fired.
///
/// Rows are written with the upsert in `SQLiteIncidentStore+Timers` (which must never touch a fired row) and
/// read by column index in `selection` order, so loading 100k pending timers at start does no name lookups.
struct TimerRecord: Encodable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "timer"
    /// The columns `init(row:)` reads, in order.
    static let selection = "incident_id, kind, key, due_ms, text"

    var incidentID: Int64
    var kind: String
    var key: StoredText
    var dueMs: Int64
    var text: StoredText?
    /// When the timer was claimed; nil while pending. Set once, never cleared.
    var firedMs: Int64?

    enum CodingKeys: String, CodingKey {
        case incidentID = "incident_id"
        case kind, key
        case dueMs = "due_ms"
        case text
        case firedMs = "fired_ms"
    }

    enum Columns {
        static let incidentID = Column(CodingKeys.incidentID)
        static let kind = Column(CodingKeys.kind)
        static let key = Column(CodingKeys.key)
        static let dueMs = Column(CodingKeys.dueMs)
        static let firedMs = Column(CodingKeys.firedMs)
    }

    /// A pending row for `timer`.
    init(_ timer: IncidentTimer) {
        incidentID = timer.id.incidentID
        kind = timer.id.kind.rawValue
        key = StoredText(timer.id.key)
        dueMs = timer.due.milliseconds
        text = StoredText(timer.text)
    }

    /// Reads the columns in `selection` order, by index; `fired_ms` is not selected (pending rows only).
    init(row: Row) {
        incidentID = row[0]
        kind = row[1]
        key = row[2]
        dueMs = row[3]
        text = row[4]
    }

    /// The primary key of `id`, as bound in `WHERE incident_id = ? AND kind = ? AND key = ?`.
    static func arguments(_ id: IncidentTimer.ID) -> StatementArguments {
        [id.incidentID, id.kind.rawValue, StoredText(id.key)]
    }

    /// The timer this row stores; fails on a kind this version does not know.
    func timer() throws -> IncidentTimer {
        IncidentTimer(id: try id(), due: Timestamp(milliseconds: dueMs), text: text?.string)
    }

    func id() throws -> IncidentTimer.ID {
        guard let kind = IncidentTimer.Kind(rawValue: kind) else {
            throw StoreError.databaseFailure(
                operation: "read timers of incident #\(incidentID)",
                reason: "unknown timer kind \(kind)",
                advice: "the row was written by a newer sitrep; upgrade sitrep"
            )
        }
        return IncidentTimer.ID(incidentID: incidentID, kind: kind, key: key.string)
    }
}
