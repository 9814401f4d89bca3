import SitrepCore

/// `/cancel <reason>`: cancel an incident declared by mistake.
public enum CancelCommand: ChatCommand {
    public static let name = "cancel"
    public static let summary = "cancel an incident declared by mistake"
    public static let usage = "/cancel <reason>"
    public static let requiredLevel = AccessLevel.commander
    public static let examples = [
        CommandExample(
            "false alarm, synthetic check misconfigured",
            .cancel("false alarm, synthetic check misconfigured")
        ),
        .invalid(""),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        requiredText(arguments, what: "why it is cancelled") { .cancel($0) }
    }
}
