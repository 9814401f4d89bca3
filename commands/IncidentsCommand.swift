import SitrepCore

/// `/incidents`: the open incidents, from any channel.
public enum IncidentsCommand: ChatCommand {
    public static let name = "incidents"
    public static let aliases = ["list", "open"]
    public static let summary = "list open incidents"
    public static let usage = "/incidents"
    public static let requiredLevel = AccessLevel.stakeholder
    public static let examples = [CommandExample("", .incidents), .invalid("all")]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        noArguments(arguments, .incidents)
    }
}
