import SitrepCore

/// `/investigating`: back to investigating (from identified or mitigated).
public enum InvestigatingCommand: ChatCommand {
    public static let name = "investigating"
    public static let aliases = ["investigate"]
    public static let summary = "back to investigating"
    public static let usage = "/investigating"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [CommandExample("", .investigating), .invalid("again")]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        noArguments(arguments, .investigating)
    }
}
