import OnCall
import SitrepCore

/// On-call schedules in chat: `/oncall`, `/override`, `/oncall take`, and `schedule:NAME` page targets resolved
/// to whoever is on call when the page goes out (overrides read from the store then).
extension IncidentCoordinator {
    /// The timer policy with every schedule resolved to who it has on call at `now`. A store failure is logged
    /// and the schedules' layers answer without overrides: a page must still go out.
    func timerPolicy(at now: Timestamp) async -> TimerPolicy {
        var policy = settings.timerPolicy
        guard !settings.schedules.isEmpty else { return policy }
        let overrides = await activeOverrides(at: now)
        for (name, schedule) in settings.schedules {
            policy.onCall[name] = schedule.onCall(at: now, overrides: overrides).person.map { [$0] } ?? []
        }
        return policy
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
        guard target.lowercased().hasPrefix("schedule:") else { return nil }
        let name = String(target.dropFirst("schedule:".count))
        return (await timerPolicy(at: now)).people(.schedule(name))
    }

    /// `/oncall [schedule]`.
    func onCallReplies(_ name: String?, at now: Timestamp) async throws -> [String] {
        let schedules = try chosenSchedules(name)
        let overrides = try await store.onCallOverrides(schedule: nil, endingAfter: now)
        return schedules.map { OnCallReplies.status(of: $0, overrides: overrides, at: now) }
    }

    /// `/override` and `/oncall take`: stores the override, says so, and records it on the timeline of the
    /// incident whose channel it was given in.
    func overrideOnCall(_ intent: IncidentIntent, from event: ChatEvent, replyTo target: String) async throws
        -> CommandOutcome
    {
        let incident = openIncident(in: event.channel)
        var isOperator = false
        if let channel = event.channel { isOperator = await network.isChannelOperator(event.sender.nick, in: channel.name) }
        let rights = settings.permissions.rights(for: event.sender, isChannelOperator: isOperator, in: incident)
        guard rights.level >= intent.requiredLevel else {
            await say([OnCallReplies.notAllowed(intent.commandName)], to: target)
            return .denied
        }
        let now = event.time
        let planned: (schedule: OnCallSchedule, person: Participant, end: Timestamp)
        do {
            planned = try await plannedOverride(intent, from: event, at: now)
        } catch let refusal as OnCallRefusal {
            await say([refusal.reply], to: target)
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

    /// The schedule, the person and the end of the override `intent` asks for, or why not.
    private func plannedOverride(_ intent: IncidentIntent, from event: ChatEvent, at now: Timestamp) async throws
        -> (schedule: OnCallSchedule, person: Participant, end: Timestamp)
    {
        switch intent {
        case .oncallTake(let name, let hours):
            let schedule = try chosenSchedule(name)
            if let hours { return (schedule, event.sender, now.adding(.seconds(hours * 3600))) }
            let overrides = try await store.onCallOverrides(schedule: schedule.name, endingAfter: now)
            let end = schedule.nextHandoff(after: now, overrides: overrides)?.at ?? now.adding(.seconds(12 * 3600))
            return (schedule, event.sender, end)
        case .override(let name, let nick, let until):
            let schedule = try chosenSchedule(name)
            let person = try await participant(named: nick, in: event, schedule: schedule)
            switch until {
            case .after(let duration): return (schedule, person, now.adding(duration))
            case .at(let hour, let minute):
                let time = TimeOfDay(hour: hour, minute: minute) ?? .midnight
                return (schedule, person, schedule.clock.next(time, after: now))
            }
        default:
            throw OnCallRefusal(reply: "not an on-call command")
        }
    }

    /// `nick` as someone in the command's channel, else as an account in the schedule's layers.
    private func participant(named nick: String, in event: ChatEvent, schedule: OnCallSchedule) async throws
        -> Participant
    {
        if let channel = event.channel {
            let key = network.nameKey(nick)
            if let member = await network.members(of: channel.name).first(where: { network.nameKey($0.nick) == key }) {
                return member
            }
        }
        if let person = schedule.people.first(where: { $0.name.lowercased() == nick.lowercased() }) {
            return Participant(identity: person, nick: nick)
        }
        throw OnCallRefusal(reply: OnCallReplies.unknownPerson(nick, schedule: schedule.name))
    }

    private func chosenSchedules(_ name: String?) throws -> [OnCallSchedule] {
        guard !settings.schedules.isEmpty else { throw OnCallRefusal(reply: OnCallReplies.noSchedules()) }
        guard let name else { return settings.schedules.keys.sorted().compactMap { settings.schedules[$0] } }
        return [try chosenSchedule(name)]
    }

    /// The named schedule, or the only one when none is named.
    private func chosenSchedule(_ name: String?) throws -> OnCallSchedule {
        let known = settings.schedules.keys.sorted()
        guard !known.isEmpty else { throw OnCallRefusal(reply: OnCallReplies.noSchedules()) }
        guard let name else {
            guard known.count == 1, let only = settings.schedules[known[0]] else {
                throw OnCallRefusal(reply: OnCallReplies.whichSchedule(known: known))
            }
            return only
        }
        guard let schedule = settings.schedules[name] else {
            throw OnCallRefusal(reply: OnCallReplies.unknownSchedule(name, known: known))
        }
        return schedule
    }
}

/// Why an on-call command changes nothing, as its one-line reply.
struct OnCallRefusal: Error {
    var reply: String
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
