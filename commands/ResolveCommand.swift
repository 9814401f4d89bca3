import SitrepCore

/// `/resolve <resolution>`: record the resolution; state becomes resolved.
public enum ResolveCommand: ChatCommand {
    public static let name = "resolve"
    public static let aliases = ["resolved", "fixed"]
    public static let summary = "record the resolution; state becomes resolved"
    public static let usage = "/resolve <resolution>"
    public static let requiredLevel = AccessLevel.commander
    public static let examples = [
        CommandExample("renewed the TLS certificate", .resolve("renewed the TLS certificate")),
        .invalid(""),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        requiredText(arguments, what: "how it was resolved") { .resolve($0) }
    }
}
