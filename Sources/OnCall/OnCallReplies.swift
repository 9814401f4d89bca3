import SitrepCore

/// The chat replies of `/oncall`, `/override` and `/oncall take`, pure so they are tested as text.
public enum OnCallReplies {
    /// `ops: alice until Tue 2026-12-08 09:00 +01:00, then bob` (or `nobody` / `no hand-off in sight`).
    public static func status(of schedule: OnCallSchedule, overrides: [OnCallOverride], at now: Timestamp) -> String {
        let current = schedule.onCall(at: now, overrides: overrides)
        let who = current.person.map { "\(ChatText.oneLine($0.name)) (\(current.source))" } ?? "nobody"
        guard let handoff = schedule.nextHandoff(after: now, overrides: overrides) else {
            return "\(schedule.name): \(who), no hand-off in the next 400 days"
        }
        let next = handoff.to.person.map { ChatText.oneLine($0.name) } ?? "nobody"
        return "\(schedule.name): \(who) until \(schedule.clock.describe(handoff.at)), then \(next)"
    }

    public static func noSchedules() -> String {
        "no on-call schedules are configured (add them under schedules: in the config)"
    }

    public static func unknownSchedule(_ name: String, known: [String]) -> String {
        let list = known.isEmpty ? "none are configured" : "known: \(known.joined(separator: ", "))"
        return "unknown schedule \(ChatText.oneLine(name, limit: 40)); \(list)"
    }

    public static func whichSchedule(known: [String]) -> String {
        "say which schedule: \(known.joined(separator: ", "))"
    }

    /// The confirmation of a stored override, also its timeline text.
    public static func overridden(_ override: OnCallOverride, nick: String, by sender: String, clock: ZoneClock) -> String {
        "\(ChatText.oneLine(nick)) is on call for \(override.schedule) from \(clock.describe(override.start)) until "
            + "\(clock.describe(override.end)) (override by \(ChatText.oneLine(sender)))"
    }

    public static func unknownPerson(_ nick: String, schedule: String) -> String {
        "\(ChatText.oneLine(nick, limit: 64)) is neither in this channel nor in schedule \(schedule); "
            + "ask them to join, or use their account name"
    }

    public static func notAllowed(_ command: String) -> String {
        "\(command: command) needs responder rights (people.responders or people.commanders); nothing changed"
    }
}
