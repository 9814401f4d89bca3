import Paging
import SitrepCore

/// Keeps the timer service armed with what each open incident plans: plans again after a change (`TimerDesk`
/// decides), arms at once, and stores the plan so a restart re-arms exactly it. It runs on the coordinator (an
/// `isolated` parameter), whose `TimerDesk` caches the timers known to have fired.
enum TimerArming {
    /// Plans the incident's deadlines again after a change and arms them at once (so nothing stale fires after
    /// the change is confirmed); returns the plan for `store`, or nil when nothing changed (most commands leave
    /// the deadlines alone: no store write then). `newReminders` are `/remind` timers to add.
    static func replan(
        for incident: Incident, adding newReminders: [IncidentTimer] = [], on coordinator: isolated IncidentCoordinator
    ) async -> [IncidentTimer]? {
        guard let timers = coordinator.timers else { return nil }
        do {
            try await loadFired(of: incident.id, on: coordinator)
            let plan = coordinator.timerDesk.plan(
                for: incident, pending: timers.timers(of: incident.id), adding: newReminders, now: coordinator.clock())
            guard Set(plan) != Set(timers.timers(of: incident.id)) else { return nil }
            timers.replace(
                incidentID: incident.id, with: plan, network: coordinator.network.networkID(for: incident.channel.name))
            return plan
        } catch {
            coordinator.logger.error(
                "could not plan timers", metadata: ["incident": "\(incident.id)", "error": "\(error)"])
            return nil
        }
    }

    /// Stores a plan, so a restart re-arms exactly these timers. Through the writer, behind any firing already
    /// queued: the plan leaves out a timer whose firing is queued, and stored first it would delete that timer's
    /// row before the firing claimed it (the firing then found it "claimed before" and was lost).
    static func store(_ plan: [IncidentTimer]?, of incident: Incident, on coordinator: isolated IncidentCoordinator)
        async
    {
        guard let plan else { return }
        do {
            try await coordinator.writer.replaceTimers(incidentID: incident.id, with: plan)
        } catch {
            coordinator.logger.error(
                "could not store timers", metadata: ["incident": "\(incident.id)", "error": "\(error)"])
        }
    }

    /// Replans, arms and stores in one go (where no reply is waiting).
    static func rearm(for incident: Incident, on coordinator: isolated IncidentCoordinator) async {
        await store(await replan(for: incident, on: coordinator), of: incident, on: coordinator)
    }

    /// Makes sure the desk knows which of the incident's timers already fired: read from the store once, then
    /// kept up to date by the desk.
    static func loadFired(of incidentID: Int64, on coordinator: isolated IncidentCoordinator) async throws {
        guard coordinator.timerDesk.knownFired(of: incidentID) == nil else { return }
        let fired = try await coordinator.store.firedTimers(incidentID: incidentID)
        coordinator.timerDesk.firedLoaded(fired, of: incidentID)
    }

    /// The timers pending for an incident (armed in the timer service).
    static func pending(of incidentID: Int64, on coordinator: isolated IncidentCoordinator) -> [IncidentTimer] {
        coordinator.timers?.timers(of: incidentID) ?? []
    }

    /// Plans every open incident's timers again from what the store says happened (its state, the timers that
    /// fired, the `/remind` timers pending), stores the plans that differ, and arms them (at start). A process
    /// that died between two steps of a firing or a command leaves no escalation unplanned.
    static func load(on coordinator: isolated IncidentCoordinator) async throws {
        guard let timers = coordinator.timers else { return }
        let store = coordinator.store
        let stored = Dictionary(grouping: try await store.pendingTimers(), by: \.id.incidentID)
        var armed: [IncidentTimer] = []
        var replanned = 0
        for incident in coordinator.open.all {
            let pending = stored[incident.id] ?? []
            try await loadFired(of: incident.id, on: coordinator)
            let plan = coordinator.timerDesk.plan(for: incident, pending: pending, now: coordinator.clock())
            if Set(plan) != Set(pending) {
                try await store.replaceTimers(incidentID: incident.id, with: plan)
                replanned += 1
            }
            armed += plan
        }
        let network = coordinator.network
        let networks = Dictionary(
            coordinator.open.all.map { ($0.id, network.networkID(for: $0.channel.name)) },
            uniquingKeysWith: { first, _ in first })
        timers.load(armed, networks: networks)
        coordinator.logger.info("timers armed", metadata: ["pending": "\(armed.count)", "replanned": "\(replanned)"])
    }

    /// The lead spoke in the incident channel: the quiet-commander clock starts again (replanned at most
    /// every `TimerDesk.leadActivityResolution`, so a chatty lead does not cost a store write per line).
    static func leadSpoke(in incident: Incident, at time: Timestamp, on coordinator: isolated IncidentCoordinator)
        async
    {
        guard let updated = coordinator.timerDesk.leadSpoke(in: incident, at: time) else { return }
        coordinator.open.update(updated, channelKey: coordinator.network.nameKey(incident.channel.name))
        await rearm(for: updated, on: coordinator)
    }
}
