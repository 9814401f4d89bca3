import SitrepCore

/// `/status`: a one-screen summary of the incident.
public enum StatusCommand: ChatCommand {
    public static let name = "status"
    public static let aliases = ["sitrep", "info"]
    public static let summary = "one-screen summary of the incident"
    public static let usage = "/status"
    public static let requiredLevel = AccessLevel.stakeholder
    public static let examples = [CommandExample("", .status), .invalid("4")]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        noArguments(arguments, .status)
    }
}
