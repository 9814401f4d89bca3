import Foundation
import GRDB
import SitrepCore

/// A row of the `solution` table: a `/solution` with the category and services it was recorded for.
struct SolutionRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "solution"

    var id: Int64?
    var incidentID: Int64
    var text: StoredText
    var category: StoredText?
    var services: [String]
    var createdAtMs: Int64
    var createdBy: Participant

    enum CodingKeys: String, CodingKey {
        case id
        case incidentID = "incident_id"
        case text, category, services
        case createdAtMs = "created_at_ms"
        case createdBy = "created_by"
    }

    static func databaseJSONEncoder(for column: String) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    init(incident: Incident, text: String, createdBy: Participant, at time: Timestamp) {
        incidentID = incident.id
        self.text = StoredText(text)
        category = StoredText(incident.category)
        services = incident.services
        createdAtMs = time.milliseconds
        self.createdBy = createdBy
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    func solution() -> Solution {
        Solution(
            id: id ?? 0, incidentID: incidentID, text: text.string, category: category?.string, services: services,
            createdAt: Timestamp(milliseconds: createdAtMs), createdBy: createdBy)
    }
}
