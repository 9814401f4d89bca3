import Logging
import OnCall
import Paging
import SitrepCore

/// On-call schedules in chat, for the coordinator: `schedule:NAME` page targets resolved to whoever is on call
/// when the page goes out (overrides read from the store then), `/oncall`, and `/override` / `/oncall take`
/// stored and recorded. The decisions are the pure `OnCallDesk`'s; this reads the overrides it needs and stores.
struct OnCallCommands: Sendable {
    let store: any IncidentStore
    let writer: TimelineWriter
    let settings: CoordinatorSettings
    let network: any ChatNetwork
    let logger: Logger

    /// What an `/override` or `/oncall take` came to: the lines to say, and how the command ended.
    struct Outcome: Sendable {
        var replies: [String]
        var outcome: CommandOutcome
    }

    /// The on-call decisions over the configured schedules.
    var desk: OnCallDesk { OnCallDesk(schedules: settings.schedules) }

    /// The timer policy with every schedule resolved to who it has on call at `now`. A store failure is logged
    /// and the schedules' layers answer without overrides: a page must still go out.
    func timerPolicy(at now: Timestamp) async -> TimerPolicy {
        guard !settings.schedules.isEmpty else { return settings.timerPolicy }
        return desk.resolving(settings.timerPolicy, at: now, overrides: await activeOverrides(at: now))
    }

    /// Overrides still in force or ahead at `now`, of every schedule; none (logged) if the store fails.
    func activeOverrides(at now: Timestamp) async -> [OnCallOverride] {
        do {
            return try await store.onCallOverrides(schedule: nil, endingAfter: now)
        } catch {
            logger.error("reading on-call overrides failed", metadata: ["error": "\(error)"])
            return []
        }
    }

    /// Who `schedule:NAME` means now, for a manual `/escalate schedule:NAME`; nil for any other target.
    func people(_ target: String, at now: Timestamp) async -> [ChatIdentity]? {
        guard let name = ManualEscalation.scheduleName(target) else { return nil }
        return (await timerPolicy(at: now)).people(.schedule(name))
    }

    /// `/oncall [schedule]`.
    func replies(_ name: String?, at now: Timestamp) async throws -> [String] {
        let schedules = try desk.chosenSchedules(name)
        let overrides = try await store.onCallOverrides(schedule: nil, endingAfter: now)
        return schedules.map { OnCallReplies.status(of: $0, overrides: overrides, at: now) }
    }

    /// `/override` and `/oncall take` said in `context`'s place: stores the override and records it on the
    /// timeline of `incident` (the open incident of the channel it was given in, if any).
    func override(
        _ intent: IncidentIntent, from event: ChatEvent, in context: ChatContext, incident: Incident?
    ) async throws -> Outcome {
        let isOperator = event.channel != nil && context.senderIsOperator
        let rights = settings.permissions.rights(for: event.sender, isChannelOperator: isOperator, in: incident)
        guard rights.level >= intent.requiredLevel else {
            return Outcome(replies: [OnCallReplies.notAllowed(intent.commandName)], outcome: .denied)
        }
        let now = event.time
        // What the desk may need: the channel's members for a nick, the overrides for a hand-off.
        var members: [Participant] = []
        if case .override = intent, event.channel != nil { members = context.members }
        var overrides: [OnCallOverride] = []
        if case .oncallTake(_, nil) = intent, !settings.schedules.isEmpty {
            overrides = try await store.onCallOverrides(schedule: nil, endingAfter: now)
        }
        let planned: OnCallDesk.PlannedOverride
        do {
            planned = try desk.plannedOverride(
                intent, from: event.sender, members: members, nameKey: { network.nameKey($0) }, overrides: overrides, at: now)
        } catch {
            return Outcome(replies: [error.reply], outcome: .refused)
        }
        let stored = try await store.addOnCallOverride(
            OnCallOverride(
                schedule: planned.schedule.name, person: planned.person.identity, start: now, end: planned.end,
                createdBy: event.sender.identity, createdAt: now))
        let text = OnCallReplies.overridden(
            stored, nick: planned.person.nick, by: event.sender.nick, clock: planned.schedule.clock)
        if let incident {
            await writer.append([
                TimelineEntry(
                    incidentID: incident.id, time: now, kind: .lifecycle, author: event.sender.nick,
                    account: event.sender.identity.isAuthenticated ? event.sender.identity.name : nil, text: text,
                    detail: .onCallOverride(schedule: stored.schedule, person: "\(stored.person)", id: stored.id ?? 0),
                    isKeyEvent: true)
            ])
        }
        return Outcome(replies: [text], outcome: .ok)
    }
}

extension IncidentIntent {
    /// The command an on-call intent came from, for replies.
    var commandName: String {
        switch self {
        case .override: "override"
        case .oncallTake: "oncall take"
        default: "oncall"
        }
    }
}
