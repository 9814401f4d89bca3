import Foundation
import GRDB
import SitrepCore

/// A row of the `follow_up` table. Ids are allocated by SQLite (AUTOINCREMENT: global, never reused).
struct FollowUpRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "follow_up"

    var id: Int64?
    var incidentID: Int64
    var text: StoredText
    var owner: StoredText?
    var state: String
    var createdAtMs: Int64
    var createdBy: Participant
    var doneAtMs: Int64?

    enum CodingKeys: String, CodingKey {
        case id
        case incidentID = "incident_id"
        case text, owner, state
        case createdAtMs = "created_at_ms"
        case createdBy = "created_by"
        case doneAtMs = "done_at_ms"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let incidentID = Column(CodingKeys.incidentID)
        static let state = Column(CodingKeys.state)
    }

    static func databaseJSONEncoder(for column: String) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    init(incidentID: Int64, text: String, owner: String?, createdBy: Participant, at time: Timestamp) {
        self.incidentID = incidentID
        self.text = StoredText(text)
        self.owner = StoredText(owner)
        state = FollowUp.State.open.rawValue
        createdAtMs = time.milliseconds
        self.createdBy = createdBy
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    func followUp() -> FollowUp {
        FollowUp(
            id: id ?? 0,
            incidentID: incidentID,
            text: text.string,
            owner: owner?.string,
            state: FollowUp.State(rawValue: state) ?? .open,
            createdAt: Timestamp(milliseconds: createdAtMs),
            createdBy: createdBy,
            doneAt: doneAtMs.map(Timestamp.init(milliseconds:))
        )
    }
}
