import GRDB
import SitrepCore

extension SQLiteIncidentStore {
    public func addOnCallOverride(_ override: OnCallOverride) async throws -> OnCallOverride {
        try await write("adding an on-call override to schedule \(override.schedule)") { db in
            var record = OnCallOverrideRecord(override)
            record.id = nil
            try record.insert(db)
            return record.override()
        }
    }

    public func onCallOverrides(schedule: String?, endingAfter after: Timestamp) async throws -> [OnCallOverride] {
        try await read("read of on-call overrides") { db in
            var request = OnCallOverrideRecord.filter(OnCallOverrideRecord.Columns.endMs > after.milliseconds)
            if let schedule {
                request = request.filter(OnCallOverrideRecord.Columns.schedule == schedule)
            }
            return try request.order(OnCallOverrideRecord.Columns.id).fetchAll(db).map { $0.override() }
        }
    }
}
