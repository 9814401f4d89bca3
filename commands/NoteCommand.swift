import SitrepCore

/// `/note <text>`: record a key event.
public enum NoteCommand: ChatCommand {
    public static let name = "note"
    public static let summary = "record a key event"
    public static let usage = "/note <text>"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("db latency spiked at 12:02", .note("db latency spiked at 12:02")),
        CommandExample("  spaces   kept inside  ", .note("spaces   kept inside")),
        .invalid(""),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        requiredText(arguments, what: "the note") { .note($0) }
    }
}
