import Logging
import PostgresNIO
import SitrepCore

/// `TimerStore.fire`: the claim, the incident change, the next plan and the effect in one transaction. The
/// claim comes first: a firing that lost the race to another claimer writes nothing. Idempotent through a
/// token (`TimelineToken`): repeated on the next host when its host went away mid-commit, a firing that did
/// commit is reported fired (so its pages go out), not "claimed by someone else".
extension PostgresIncidentStore {
    public func fire(_ firing: StoredFiring) async throws -> Bool {
        let token = AppendToken()
        return try await write("firing timer \(firing.timer)", idempotent: true) { [logger] connection in
            guard try await TimelineToken.record(token, on: connection, logger: logger) else { return true }
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
