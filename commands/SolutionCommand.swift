import SitrepCore

/// `/solution <text>`: record a standard solution for the incident's category and services; it is suggested
/// when a similar incident is declared or categorised.
public enum SolutionCommand: ChatCommand {
    public static let name = "solution"
    public static let aliases = ["kb"]
    public static let summary = "record a standard solution for this incident's category and services"
    public static let usage = "/solution <text>"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("restart the payment workers", .solution("restart the payment workers")),
        CommandExample("  roll back the last deploy  ", .solution("roll back the last deploy")),
        .invalid(""), .invalid("   "),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        requiredText(arguments, what: "the solution") { .solution($0) }
    }
}
