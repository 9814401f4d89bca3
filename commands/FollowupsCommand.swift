import SitrepCore

/// `/followups`: list the follow-up actions and their state.
public enum FollowupsCommand: ChatCommand {
    public static let name = "followups"
    public static let aliases = ["actions", "todos"]
    public static let summary = "list follow-up actions"
    public static let usage = "/followups"
    public static let requiredLevel = AccessLevel.stakeholder
    public static let examples = [CommandExample("", .followups), .invalid("all")]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        noArguments(arguments, .followups)
    }
}
