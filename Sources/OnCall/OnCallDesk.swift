import SitrepCore

/// The on-call commands' decisions for the incident coordinator, pure: which schedules `/oncall` names, what
/// `/override` and `/oncall take` store (which schedule, who, until when) or why not, and who `schedule:NAME`
/// page targets mean at an instant. The coordinator reads the overrides and the channel's members it is given,
/// stores the override and says the replies.
public struct OnCallDesk: Sendable {
    /// Why an on-call command changes nothing, as its one-line reply.
    public struct Refusal: Error, Sendable, Equatable {
        public var reply: String

        public init(reply: String) {
            self.reply = reply
        }
    }

    /// An override to store: `person` takes `schedule` from the command's time until `end`.
    public struct PlannedOverride: Sendable, Equatable {
        public var schedule: OnCallSchedule
        public var person: Participant
        public var end: Timestamp
    }

    /// The configured schedules, by name.
    public let schedules: [String: OnCallSchedule]

    public init(schedules: [String: OnCallSchedule]) {
        self.schedules = schedules
    }

    /// `/oncall [schedule]`: the named schedule, or every one in name order.
    public func chosenSchedules(_ name: String?) throws(Refusal) -> [OnCallSchedule] {
        guard !schedules.isEmpty else { throw Refusal(reply: OnCallReplies.noSchedules()) }
        guard let name else { return schedules.keys.sorted().compactMap { schedules[$0] } }
        return [try chosenSchedule(name)]
    }

    /// The named schedule, or the only one when none is named.
    public func chosenSchedule(_ name: String?) throws(Refusal) -> OnCallSchedule {
        let known = schedules.keys.sorted()
        guard !known.isEmpty else { throw Refusal(reply: OnCallReplies.noSchedules()) }
        guard let name else {
            guard known.count == 1, let only = schedules[known[0]] else {
                throw Refusal(reply: OnCallReplies.whichSchedule(known: known))
            }
            return only
        }
        guard let schedule = schedules[name] else {
            throw Refusal(reply: OnCallReplies.unknownSchedule(name, known: known))
        }
        return schedule
    }

    /// The override `intent` (`/oncall take` or `/override`) from `sender` asks for at `now`.
    ///
    /// - Parameters:
    ///   - members: the members of the channel it was given in (none in a private message); a nick is looked up
    ///     there first (`nameKey`: the network's comparison), then among the schedule's people by account name.
    ///   - overrides: overrides in force or ahead at `now`: `/oncall take` without hours lasts until the
    ///     schedule's next hand-off with them (12 hours when none is in sight).
    public func plannedOverride(
        _ intent: IncidentIntent, from sender: Participant, members: [Participant], nameKey: (String) -> String,
        overrides: [OnCallOverride], at now: Timestamp
    ) throws(Refusal) -> PlannedOverride {
        switch intent {
        case .oncallTake(let name, let hours):
            let schedule = try chosenSchedule(name)
            if let hours { return PlannedOverride(schedule: schedule, person: sender, end: now.adding(.seconds(hours * 3600))) }
            let own = overrides.filter { $0.schedule == schedule.name }
            let end = schedule.nextHandoff(after: now, overrides: own)?.at ?? now.adding(.seconds(12 * 3600))
            return PlannedOverride(schedule: schedule, person: sender, end: end)
        case .override(let name, let nick, let until):
            let schedule = try chosenSchedule(name)
            let person = try participant(named: nick, among: members, nameKey: nameKey, in: schedule)
            switch until {
            case .after(let duration): return PlannedOverride(schedule: schedule, person: person, end: now.adding(duration))
            case .at(let hour, let minute):
                let time = TimeOfDay(hour: hour, minute: minute) ?? .midnight
                return PlannedOverride(schedule: schedule, person: person, end: schedule.clock.next(time, after: now))
            }
        default:
            throw Refusal(reply: "not an on-call command")
        }
    }

    /// `policy` with every schedule resolved to who it has on call at `now` with `overrides`.
    public func resolving(_ policy: TimerPolicy, at now: Timestamp, overrides: [OnCallOverride]) -> TimerPolicy {
        var resolved = policy
        for (name, schedule) in schedules {
            resolved.onCall[name] = schedule.onCall(at: now, overrides: overrides).person.map { [$0] } ?? []
        }
        return resolved
    }

    /// `nick` as a member of the channel, else as an account in the schedule's layers.
    private func participant(
        named nick: String, among members: [Participant], nameKey: (String) -> String, in schedule: OnCallSchedule
    ) throws(Refusal) -> Participant {
        let key = nameKey(nick)
        if let member = members.first(where: { nameKey($0.nick) == key }) { return member }
        if let person = schedule.people.first(where: { $0.name.lowercased() == nick.lowercased() }) {
            return Participant(identity: person, nick: nick)
        }
        throw Refusal(reply: OnCallReplies.unknownPerson(nick, schedule: schedule.name))
    }
}
