import Logging
import PostgresNIO
import SitrepCore

/// `TimerStore.fire`: the claim, the incident change, the next plan and the effect in one transaction. The
/// claim comes first: a firing that lost the race to another claimer writes nothing.
extension PostgresIncidentStore {
    public func fire(_ firing: StoredFiring) async throws -> Bool {
        try await write("firing timer \(firing.timer)") { [logger] connection in
            let claimed = try await connection.rows(
                Self.claimTimerQuery(firing.timer, at: firing.firedAt), logger: logger)
            guard !claimed.isEmpty else { return false }
            try await Self.commit(firing.incident, entries: firing.entries, after: [], on: connection, logger: logger)
            try await Self.replaceTimers(
                incidentID: firing.incident.id, with: firing.nextPlan, on: connection, logger: logger)
            if let effect = firing.effect {
                // A pair claimed the key under its lease already: only the payload is added to that claim.
                try await connection.query(
                    """
                    INSERT INTO effect_claim (key, holder, epoch, claimed_ms, payload)
                    VALUES (\(PostgresText.encode(effect.key)), '', 0, \(firing.firedAt.milliseconds),
                    \(PostgresText.encode(effect.payload)))
                    ON CONFLICT (key) DO UPDATE SET payload = excluded.payload
                    """, logger: logger)
            }
            return true
        }
    }
}
