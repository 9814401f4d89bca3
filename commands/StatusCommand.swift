import SitrepCore

/// `/status`: a one-screen summary of the incident.
public enum StatusCommand: ChatCommand {
    public static let name = "status"
    public static let aliases = ["sitrep", "info"]
    public static let summary = "one-screen summary of the incident"
    public static let usage = "/status [incident]"
    public static let requiredLevel = AccessLevel.stakeholder
    public static let examples = [
        CommandExample("", .status), CommandExample("4", .about(incident: 4, .status)),
        CommandExample("INC-12", .about(incident: 12, .status)), CommandExample("#3", .about(incident: 3, .status)),
        .invalid("four"), .invalid("0"), .invalid("4 5"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        optionalIncident(arguments, .status)
    }
}
