import GRDB
import SitrepCore

/// `TimerStore.fire`: the claim, the incident change, the next plan and the effect in one write transaction.
extension SQLiteIncidentStore {
    public func fire(_ firing: StoredFiring) async throws -> Bool {
        let fired = try await write("firing timer \(firing.timer)") { db -> Bool in
            guard try Self.claimTimer(db, firing.timer, at: firing.firedAt) else { return false }
            try Self.commit(db, firing.incident, entries: firing.entries, after: [])
            try Self.replaceTimers(db, incidentID: firing.incident.id, with: firing.nextPlan)
            if let effect = firing.effect {
                // A pair claimed the key under its lease already: only the payload is added to that claim.
                try db.execute(
                    sql: """
                        INSERT INTO effect_claim (key, holder, epoch, claimed_ms, payload) VALUES (?, '', 0, ?, ?)
                        ON CONFLICT (key) DO UPDATE SET payload = excluded.payload
                        """,
                    arguments: [effect.key, firing.firedAt.milliseconds, StoredText(effect.payload)])
            }
            return true
        }
        if fired { checkpointer.rowsWritten(firing.entries.count) }
        return fired
    }
}
