import SitrepCore

/// `/postmortem` (`/review`): the review in a few lines, and where to read all of it.
public enum PostmortemCommand: ChatCommand {
    public static let name = "postmortem"
    public static let aliases = ["review", "pir"]
    public static let summary = "summarise the post-incident review (full text: sitrep review <id>)"
    public static let usage = "/postmortem [incident]"
    public static let requiredLevel = AccessLevel.stakeholder
    public static let examples = [
        CommandExample("", .postmortem), CommandExample("  ", .postmortem),
        CommandExample("9", .about(incident: 9, .postmortem)), .invalid("now"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        optionalIncident(arguments, .postmortem)
    }
}
