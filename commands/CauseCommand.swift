import SitrepCore

/// `/cause <root cause>`: record the root cause (needed to close).
public enum CauseCommand: ChatCommand {
    public static let name = "cause"
    public static let aliases = ["rootcause", "rca"]
    public static let summary = "record the root cause (needed to close)"
    public static let usage = "/cause <root cause>"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample(
            "certificate expired; renewal job was disabled",
            .cause("certificate expired; renewal job was disabled")
        ),
        .invalid(""),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        requiredText(arguments, what: "the root cause") { .cause($0) }
    }
}
