import SitrepCore

/// `/timers`: what the incident has pending (pages, reminders, SLA warnings) and when.
public enum TimersCommand: ChatCommand {
    public static let name = "timers"
    public static let aliases = ["pending"]
    public static let summary = "list this incident's pending pages, reminders and SLA warnings"
    public static let usage = "/timers [incident]"
    public static let requiredLevel = AccessLevel.stakeholder
    public static let examples = [CommandExample("", .timers), CommandExample("inc-7", .about(incident: 7, .timers)), .invalid("all")]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        optionalIncident(arguments, .timers)
    }
}
