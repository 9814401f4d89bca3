import SitrepCore

/// `/mark <nick>`: mark that member's last message as a key event.
public enum MarkCommand: ChatCommand {
    public static let name = "mark"
    public static let aliases = ["keyevent"]
    public static let summary = "mark someone's last message as a key event"
    public static let usage = "/mark <nick>"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("bob", .mark(nick: "bob")),
        CommandExample("@oncall-1", .mark(nick: "oncall-1")),
        .invalid(""), .invalid("bob carol"), .invalid("#ops"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        let words = ArgumentText.words(arguments)
        guard words.count == 1, let nick = ArgumentText.nick(words[0]) else {
            return .failure(usageError("give one nick"))
        }
        return .success(.mark(nick: nick))
    }
}
