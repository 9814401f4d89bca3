import SitrepCore

/// `/ack`: acknowledge the incident; the first ack sets time-to-acknowledge.
public enum AckCommand: ChatCommand {
    public static let name = "ack"
    public static let aliases = ["acknowledge"]
    public static let summary = "acknowledge the incident (the first ack stops the clock)"
    public static let usage = "/ack"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [CommandExample("", .ack), CommandExample("  ", .ack), .invalid("on it")]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        noArguments(arguments, .ack)
    }
}
