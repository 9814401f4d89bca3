import SitrepCore

/// `/identified <what>`: record what was identified as the cause; state becomes identified.
public enum IdentifiedCommand: ChatCommand {
    public static let name = "identified"
    public static let aliases = ["identify"]
    public static let summary = "record what was identified as the cause; state becomes identified"
    public static let usage = "/identified <what>"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("bad deploy 512 on api", .identified("bad deploy 512 on api")),
        .invalid(""), .invalid("   "),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        requiredText(arguments, what: "what was identified") { .identified($0) }
    }
}
