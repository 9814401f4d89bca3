import SitrepCore

/// `/whoami`: your identity as the bot sees it (nick, account or none), role and what you may do.
public enum WhoamiCommand: ChatCommand {
    public static let name = "whoami"
    public static let aliases = ["me"]
    public static let summary = "how sitrep sees you: nick, account, rights"
    public static let usage = "/whoami"
    public static let requiredLevel = AccessLevel.stakeholder
    public static let examples = [CommandExample("", .whoami), .invalid("alice")]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        noArguments(arguments, .whoami)
    }
}
