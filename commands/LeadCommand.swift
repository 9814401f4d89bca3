import SitrepCore

/// `/lead [nick]`: take command, or hand it over to `nick`.
public enum LeadCommand: ChatCommand {
    public static let name = "lead"
    public static let aliases = ["commander", "ic"]
    public static let summary = "take command of the incident, or hand it over"
    public static let usage = "/lead [nick]"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("", .lead(nick: nil)),
        CommandExample("oncall-1", .lead(nick: "oncall-1")),
        CommandExample("@alice", .lead(nick: "alice")),
        .invalid("alice bob"), .invalid("1alice"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        let words = ArgumentText.words(arguments)
        guard let word = words.first else { return .success(.lead(nick: nil)) }
        guard words.count == 1, let nick = ArgumentText.nick(word) else {
            return .failure(usageError("give one nick, or none to take command yourself"))
        }
        return .success(.lead(nick: nick))
    }
}
