import SitrepCore

/// `/override <schedule> <person> <duration|until HH:MM>`: someone takes a schedule's shifts for a while (`4h`,
/// `1h30m`, up to 7 d) or until the next time the schedule's clock reads HH:MM. The person is a nick or a Matrix
/// user id, resolved to an account like `/lead`.
public enum OverrideCommand: ChatCommand {
    public static let name = "override"
    public static let summary = "put someone on call for a schedule for a while"
    public static let usage = "/override <schedule> <person> <duration|until HH:MM>"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("ops bob 4h", .override(schedule: "ops", nick: "bob", until: .after(.seconds(4 * 3600)))),
        CommandExample("ops @bob 1h30m", .override(schedule: "ops", nick: "bob", until: .after(.seconds(5400)))),
        CommandExample("ops bob until 09:00", .override(schedule: "ops", nick: "bob", until: .at(hour: 9, minute: 0))),
        CommandExample("dba @carol:example.org 7:30", .override(schedule: "dba", nick: "@carol:example.org", until: .at(hour: 7, minute: 30))),
        .invalid(""), .invalid("ops"), .invalid("ops bob"), .invalid("ops bob soon"), .invalid("ops bob 8d"),
        .invalid("ops bob until 25:00"), .invalid("Ops! bob 4h"), .invalid("ops #chan 4h"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        let words = ArgumentText.words(arguments).map(String.init)
        guard words.count >= 3 else {
            return .failure(usageError("say which schedule, who and for how long, e.g. /override ops bob 4h"))
        }
        guard OncallCommand.isScheduleName(words[0]) else { return .failure(usageError("not a schedule name: \(words[0])")) }
        guard let nick = ArgumentText.nick(words[1]) else { return .failure(usageError("not a nick: \(words[1])")) }
        let when = words.dropFirst(2).joined(separator: " ")
        guard let until = OnCallUntil.parse(when) else {
            return .failure(usageError("say for how long (4h, 1h30m, at most 7d) or until HH:MM, got \(when)"))
        }
        return .success(.override(schedule: words[0], nick: nick, until: until))
    }
}
