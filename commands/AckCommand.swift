import SitrepCore

/// `/ack [incident]`: acknowledge the incident; the first ack sets time-to-acknowledge. With a number (`!ack 4`) it
/// works from anywhere, e.g. the announce channel when the incident's own channel or room cannot be entered.
public enum AckCommand: ChatCommand {
    public static let name = "ack"
    public static let aliases = ["acknowledge"]
    public static let summary = "acknowledge the incident (the first ack stops the clock)"
    public static let usage = "/ack [incident]"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("", .ack), CommandExample("  ", .ack), CommandExample("4", .about(incident: 4, .ack)),
        CommandExample("INC-4", .about(incident: 4, .ack)), .invalid("on it"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        optionalIncident(arguments, .ack)
    }
}
