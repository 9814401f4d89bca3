import SitrepCore

/// `/reopen <reason>`: reopen a resolved, closed or cancelled incident.
public enum ReopenCommand: ChatCommand {
    public static let name = "reopen"
    public static let summary = "reopen a resolved, closed or cancelled incident"
    public static let usage = "/reopen <reason>"
    public static let requiredLevel = AccessLevel.commander
    public static let examples = [
        CommandExample("errors are back", .reopen("errors are back")),
        .invalid(""),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        requiredText(arguments, what: "why it is reopened") { .reopen($0) }
    }
}
