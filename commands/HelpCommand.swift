import SitrepCore

/// `/help [command]`: the command list, or one command's usage, summary and required level
/// (`CommandRegistry.help(for:botNick:)` renders it).
public enum HelpCommand: ChatCommand {
    public static let name = "help"
    public static let aliases = ["commands"]
    public static let summary = "list commands, or explain one"
    public static let usage = "/help [command]"
    public static let requiredLevel = AccessLevel.stakeholder
    public static let examples = [
        CommandExample("", .help(command: nil)), CommandExample("sev", .help(command: "sev")),
        CommandExample("/Escalate", .help(command: "escalate")), CommandExample("!ack", .help(command: "ack")),
        .invalid("sev ack"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        let words = ArgumentText.words(arguments)
        guard let word = words.first else { return .success(.help(command: nil)) }
        guard words.count == 1 else { return .failure(usageError("ask about one command")) }
        let name = word.drop { $0 == "/" || $0 == "!" }.lowercased()
        return .success(.help(command: name))
    }
}
