import SitrepCore

/// `/factor <text>`: record a contributing factor for the post-incident review (also after closure).
public enum FactorCommand: ChatCommand {
    public static let name = "factor"
    public static let aliases = ["contributing"]
    public static let summary = "record a contributing factor for the review"
    public static let usage = "/factor <text>"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("alert threshold too high", .factor("alert threshold too high")),
        CommandExample("  no runbook for cert renewal  ", .factor("no runbook for cert renewal")),
        .invalid(""), .invalid("   "),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        requiredText(arguments, what: "the contributing factor") { .factor($0) }
    }
}
