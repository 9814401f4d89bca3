import OnCall
import Paging
import SitrepCore

/// On-call schedules in chat: `/oncall`, `/override`, `/oncall take`, and `schedule:NAME` page targets resolved
/// to whoever is on call when the page goes out (overrides read from the store then). The decisions are the pure
/// `OnCallDesk`'s; this reads the overrides and members it needs, stores and says.
extension IncidentCoordinator {
    /// The timer policy with every schedule resolved to who it has on call at `now`. A store failure is logged
    /// and the schedules' layers answer without overrides: a page must still go out.
    func timerPolicy(at now: Timestamp) async -> TimerPolicy {
        guard !settings.schedules.isEmpty else { return settings.timerPolicy }
        return onCall.resolving(settings.timerPolicy, at: now, overrides: await activeOverrides(at: now))
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

    /// Who `schedule:NAME` means now, for a manual `/escalate schedule:NAME`.
    func onCallPeople(_ target: String, at now: Timestamp) async -> [ChatIdentity]? {
        guard let name = ManualEscalation.scheduleName(target) else { return nil }
        return (await timerPolicy(at: now)).people(.schedule(name))
    }

    /// `/oncall [schedule]`.
    func onCallReplies(_ name: String?, at now: Timestamp) async throws -> [String] {
        let schedules = try onCall.chosenSchedules(name)
        let overrides = try await store.onCallOverrides(schedule: nil, endingAfter: now)
        return schedules.map { OnCallReplies.status(of: $0, overrides: overrides, at: now) }
    }

    /// `/override` and `/oncall take`: stores the override, says so, and records it on the timeline of the
    /// incident whose channel it was given in.
    func overrideOnCall(
        _ intent: IncidentIntent, from event: ChatEvent, in context: ChatContext, replyTo target: String
    ) async throws -> CommandOutcome {
        let incident = openIncident(in: event.channel)
        let isOperator = event.channel != nil && context.senderIsOperator
        let rights = settings.permissions.rights(for: event.sender, isChannelOperator: isOperator, in: incident)
        guard rights.level >= intent.requiredLevel else {
            await say([OnCallReplies.notAllowed(intent.commandName)], to: target)
            return .denied
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
            planned = try onCall.plannedOverride(
                intent, from: event.sender, members: members, nameKey: { network.nameKey($0) }, overrides: overrides, at: now)
        } catch {
            await say([error.reply], to: target)
            return .refused
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
                    detail: "oncall-override schedule=\(stored.schedule) person=\(stored.person) id=\(stored.id ?? 0)",
                    isKeyEvent: true)
            ])
        }
        await say([text], to: target)
        return .ok
    }

    /// The on-call decisions over the configured schedules.
    var onCall: OnCallDesk { OnCallDesk(schedules: settings.schedules) }
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
