/// The incident coordinator's timer decisions as a pure machine, over `TimerPlanner`: which timers an incident
/// plans now, whether a timer about to fire is still planned, the plan after a firing, the `/remind` timer a
/// command asks for, and when a lead's words restart the quiet-commander clock. The coordinator arms, stores
/// and sends what it decides; time is passed in.
///
/// Its state is the timers known to have fired, per incident: a cache of the store's marks, loaded once per
/// incident (`knownFired`, `firedLoaded`), marked when a firing is queued for the store and unmarked when that
/// store write fails. Every decision reads the marks as they are at that moment, so a firing and a command that
/// interleave plan from the same facts.
public struct TimerDesk: Sendable {
    /// How often a chatty lead's words replan the quiet-commander timer at most (each replan is a store write).
    public static var leadActivityResolution: Duration { .seconds(30) }

    public let policy: TimerPolicy
    private var fired: [Int64: Set<IncidentTimer.ID>] = [:]

    public init(policy: TimerPolicy) {
        self.policy = policy
    }

    /// The incident's timers known to have fired; nil until `firedLoaded` gave them (read the store then).
    public func knownFired(of incidentID: Int64) -> Set<IncidentTimer.ID>? {
        fired[incidentID]
    }

    /// The store's marks of the incident's fired timers, read; marks made here meanwhile are kept.
    public mutating func firedLoaded(_ ids: Set<IncidentTimer.ID>, of incidentID: Int64) {
        fired[incidentID, default: []].formUnion(ids)
    }

    /// The timers `incident` plans now: `pending`'s `/remind` timers and `adding`, and the policy's deadlines
    /// for its state, leaving out those that fired.
    public func plan(
        for incident: Incident, pending: [IncidentTimer], adding: [IncidentTimer] = [], now: Timestamp
    ) -> [IncidentTimer] {
        TimerPlanner.plan(
            for: incident, policy: policy, reminders: pending.filter { $0.id.kind == .reminder } + adding,
            fired: fired[incident.id] ?? [], now: now)
    }

    /// Whether `incident` as it is now still plans `timer` (armed earlier: a change since, such as an `/ack`,
    /// may have made it moot).
    public func isPlanned(_ timer: IncidentTimer, for incident: Incident, pending: [IncidentTimer], now: Timestamp)
        -> Bool
    {
        let reminders = pending.filter { $0.id.kind == .reminder && $0.id != timer.id }
        let withThis = timer.id.kind == .reminder ? reminders + [timer] : reminders
        return TimerPlanner.plan(
            for: incident, policy: policy, reminders: withThis,
            fired: (fired[incident.id] ?? []).subtracting([timer.id]), now: now
        ).contains { $0.id == timer.id }
    }

    /// The incident's plan once `timer` fired and left `after` (the incident the firing made): the other
    /// `/remind` timers stay.
    public func plan(after timer: IncidentTimer, firing after: Incident, pending: [IncidentTimer], now: Timestamp)
        -> [IncidentTimer]
    {
        TimerPlanner.plan(
            for: after, policy: policy,
            reminders: pending.filter { $0.id.kind == .reminder && $0.id != timer.id },
            fired: (fired[after.id] ?? []).union([timer.id]), now: now)
    }

    /// A firing of `timer` was queued for the store: it counts as fired.
    public mutating func firingQueued(_ timer: IncidentTimer.ID) {
        fired[timer.incidentID, default: []].insert(timer)
    }

    /// The store write of a queued firing failed: the timer is pending again.
    public mutating func firingFailed(_ timer: IncidentTimer.ID) {
        fired[timer.incidentID]?.remove(timer)
    }

    /// The `/remind` timer `intent` asks for in `incident` at `time` (keyed by that time, so each reminder is
    /// its own timer), or none.
    public static func reminder(for intent: IncidentIntent, in incident: Incident, at time: Timestamp)
        -> [IncidentTimer]
    {
        guard case .remind(let after, let text) = intent else { return [] }
        return [
            IncidentTimer(
                incidentID: incident.id, kind: .reminder, key: "\(time.milliseconds)", due: time.adding(after),
                text: text)
        ]
    }

    /// The lead spoke in the incident channel at `time`: the incident with the quiet-commander clock restarted,
    /// to replan, or nil when its severity has no such timer or the last restart is under
    /// `leadActivityResolution` ago (so a chatty lead does not cost a store write per line).
    public func leadSpoke(in incident: Incident, at time: Timestamp) -> Incident? {
        guard policy.timers(for: incident.severity).quietCommanderAfter != nil else { return nil }
        if let last = incident.leadLastSpokeAt, last.duration(to: time) < Self.leadActivityResolution { return nil }
        var updated = incident
        updated.leadLastSpokeAt = time
        return updated
    }
}
