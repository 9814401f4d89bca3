import SitrepCore

/// `/contain <action>`: record a containment step (state unchanged).
public enum ContainCommand: ChatCommand {
    public static let name = "contain"
    public static let aliases = ["containment"]
    public static let summary = "record a containment step (state unchanged)"
    public static let usage = "/contain <action>"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("drained eu-west-1", .contain("drained eu-west-1")),
        .invalid(""),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        requiredText(arguments, what: "what was done to contain it") { .contain($0) }
    }
}
