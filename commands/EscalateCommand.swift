import SitrepCore

/// `/escalate [target] [reason]`: escalate to a nick, a team or whoever a schedule has on call (`schedule:NAME`),
/// or by default to the next tier of the incident's escalation policy. The first word is the target; `next` (or
/// `-`) means the next tier with a reason.
public enum EscalateCommand: ChatCommand {
    public static let name = "escalate"
    public static let aliases = ["page"]
    public static let summary = "escalate to a nick or team, or to the next tier by default"
    public static let usage = "/escalate [target|next] [reason]"
    public static let requiredLevel = AccessLevel.commander
    public static let examples = [
        CommandExample("", .escalate(target: nil, reason: nil)),
        CommandExample("dba-team", .escalate(target: "dba-team", reason: nil)),
        CommandExample(
            "dba-team replication lag 5 min",
            .escalate(target: "dba-team", reason: "replication lag 5 min")
        ),
        CommandExample("next nobody answered", .escalate(target: nil, reason: "nobody answered")),
        CommandExample("@alice", .escalate(target: "alice", reason: nil)),
        CommandExample("@bob:example.org db down", .escalate(target: "@bob:example.org", reason: "db down")),
        CommandExample("schedule:ops db down", .escalate(target: "schedule:ops", reason: "db down")),
        .invalid("#ops help"), .invalid("- "), .invalid("schedule:"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        guard let (first, reason) = ArgumentText.firstWord(arguments) else {
            return .success(.escalate(target: nil, reason: nil))
        }
        if first == "-" || first.lowercased() == "next" {
            guard let reason else { return .failure(usageError("give a reason after \(first), or nothing")) }
            return .success(.escalate(target: nil, reason: reason))
        }
        if first.lowercased().hasPrefix("schedule:") {
            let schedule = String(first.dropFirst("schedule:".count))
            guard OncallCommand.isScheduleName(schedule) else {
                return .failure(usageError("not a schedule name: \(schedule)"))
            }
            return .success(.escalate(target: "schedule:\(schedule)", reason: reason))
        }
        guard let target = ArgumentText.nick(first) else { return .failure(usageError("not a nick or team: \(first)")) }
        return .success(.escalate(target: target, reason: reason))
    }
}
