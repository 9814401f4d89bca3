import Foundation
import GRDB
import SitrepCore

/// A row of the `oncall_override` table; `person` and `created_by` are JSON text (`ChatIdentity`).
struct OnCallOverrideRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "oncall_override"

    var id: Int64?
    var schedule: String
    var person: ChatIdentity
    var startMs: Int64
    var endMs: Int64
    var createdBy: ChatIdentity
    var createdAtMs: Int64

    enum CodingKeys: String, CodingKey {
        case id, schedule, person
        case startMs = "start_ms"
        case endMs = "end_ms"
        case createdBy = "created_by"
        case createdAtMs = "created_at_ms"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let schedule = Column(CodingKeys.schedule)
        static let endMs = Column(CodingKeys.endMs)
    }

    static func databaseJSONEncoder(for column: String) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }

    init(_ override: OnCallOverride) {
        id = override.id
        schedule = override.schedule
        person = override.person
        startMs = override.start.milliseconds
        endMs = override.end.milliseconds
        createdBy = override.createdBy
        createdAtMs = override.createdAt.milliseconds
    }

    mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }

    func override() -> OnCallOverride {
        OnCallOverride(
            id: id, schedule: schedule, person: person, start: Timestamp(milliseconds: startMs),
            end: Timestamp(milliseconds: endMs), createdBy: createdBy, createdAt: Timestamp(milliseconds: createdAtMs))
    }
}

/// `v10 on-call overrides`: who takes a schedule's shifts over, and for how long.
enum OnCallOverrideMigration {
    static func migrate(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE oncall_override (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    schedule TEXT NOT NULL,
                    person TEXT NOT NULL,
                    start_ms INTEGER NOT NULL,
                    end_ms INTEGER NOT NULL,
                    created_by TEXT NOT NULL,
                    created_at_ms INTEGER NOT NULL
                );
                CREATE INDEX oncall_override_by_end ON oncall_override (end_ms, id);
                """)
    }
}
