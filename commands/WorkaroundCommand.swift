import SitrepCore

/// `/workaround <text>`: record a workaround; state becomes mitigated.
public enum WorkaroundCommand: ChatCommand {
    public static let name = "workaround"
    public static let aliases = ["wa"]
    public static let summary = "record a workaround; state becomes mitigated"
    public static let usage = "/workaround <text>"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("feature flag new-checkout off", .workaround("feature flag new-checkout off")),
        .invalid(""),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        requiredText(arguments, what: "what the workaround is") { .workaround($0) }
    }
}
