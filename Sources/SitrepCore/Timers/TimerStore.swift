/// Durable timers, for exactly-once firing across restarts. Part of every `IncidentStore` backend.
///
/// - `replaceTimers` stores the planned pending timers of one incident: it adds new ones, removes the ones no
///   longer planned, keeps the rest, and never resurrects a timer that already fired.
/// - `claimTimer` marks a timer fired; it returns true only for the first claim of that id, ever. The caller
///   sends only after a successful claim, so nothing is sent twice.
/// - `fire` claims a timer and stores everything its firing changes in one transaction (`StoredFiring`), so no
///   crash point separates the claim from the next escalation tier.
public protocol TimerStore: Sendable {
    /// Stores `timers` as the pending timers of `incidentID` (replacing its earlier unfired plan).
    func replaceTimers(incidentID: Int64, with timers: [IncidentTimer]) async throws
    /// Every pending (unfired) timer, of all incidents, soonest first.
    func pendingTimers() async throws -> [IncidentTimer]
    /// Claims `id` as fired at `time`; false when it was already fired (or is not pending).
    func claimTimer(_ id: IncidentTimer.ID, at time: Timestamp) async throws -> Bool
    /// Claims `firing.timer` and, in the same transaction, stores the incident change, its entries, the next plan
    /// and the effect; false (and nothing written) when the timer was already fired or is not pending.
    func fire(_ firing: StoredFiring) async throws -> Bool
    /// Ids of the timers of `incidentID` that already fired (so replanning does not bring them back).
    func firedTimers(incidentID: Int64) async throws -> Set<IncidentTimer.ID>
}
