import GRDB
import SitrepCore
import StoreKit

extension SQLiteIncidentStore {
    public func addFollowUp(
        incidentID: Int64,
        text: String,
        owner: String?,
        createdBy: Participant,
        at time: Timestamp
    ) async throws -> FollowUp {
        try await write("adding a follow-up to incident #\(incidentID)") { db in
            guard try IncidentRecord.exists(db, key: incidentID) else {
                throw StoreError.unknownIncident(incidentID)
            }
            var record = FollowUpRecord(
                incidentID: incidentID,
                text: text,
                owner: owner,
                createdBy: createdBy,
                at: time
            )
            try record.insert(db)
            return record.followUp()
        }
    }

    /// Marks a follow-up done; one already done keeps its first completion time. Nil if there is no such id.
    public func completeFollowUp(id: Int64, at time: Timestamp) async throws -> FollowUp? {
        try await write("completing follow-up \(id)") { db in
            guard var record = try FollowUpRecord.fetchOne(db, key: id) else { return nil }
            if record.state != FollowUp.State.done.rawValue {
                record.state = FollowUp.State.done.rawValue
                record.doneAtMs = time.milliseconds
                try record.update(db)
            }
            return record.followUp()
        }
    }

    public func followUps(incidentID: Int64?, openOnly: Bool) async throws -> [FollowUp] {
        try await read("read of follow-ups") { db in
            var request = FollowUpRecord.order(FollowUpRecord.Columns.id)
            if let incidentID {
                request = request.filter(FollowUpRecord.Columns.incidentID == incidentID)
            }
            if openOnly {
                request = request.filter(FollowUpRecord.Columns.state == FollowUp.State.open.rawValue)
            }
            return try request.fetchAll(db).map { $0.followUp() }
        }
    }
}
