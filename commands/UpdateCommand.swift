import SitrepCore

/// `/update <text>`: post a stakeholder update (announced, kept as the public status).
public enum UpdateCommand: ChatCommand {
    public static let name = "update"
    public static let aliases = ["status-update", "su"]
    public static let summary = "post a stakeholder update (announced, kept as the public status)"
    public static let usage = "/update <text>"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample(
            "Checkout degraded in EU; next update 12:30",
            .update("Checkout degraded in EU; next update 12:30")
        ),
        .invalid(""),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        requiredText(arguments, what: "the update") { .update($0) }
    }
}
