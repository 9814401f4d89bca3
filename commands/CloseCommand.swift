import SitrepCore

/// `/close`: close a resolved incident; refused until the root cause and the resolution are recorded.
public enum CloseCommand: ChatCommand {
    public static let name = "close"
    public static let summary = "close a resolved incident (needs root cause and resolution)"
    public static let usage = "/close"
    public static let requiredLevel = AccessLevel.commander
    public static let examples = [CommandExample("", .close), .invalid("now")]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        noArguments(arguments, .close)
    }
}
