import SitrepCore

/// `/sev <1-4> [reason]`: change the severity (commander or lead).
public enum SevCommand: ChatCommand {
    public static let name = "sev"
    public static let aliases = ["severity"]
    public static let summary = "change the severity"
    public static let usage = "/sev <1-4> [reason]"
    public static let requiredLevel = AccessLevel.commander
    public static let examples = [
        CommandExample("1", .severity(.sev1, reason: nil)),
        CommandExample("sev2 all EU customers affected", .severity(.sev2, reason: "all EU customers affected")),
        CommandExample("3", .severity(.sev3, reason: nil)),
        .invalid(""), .invalid("5"), .invalid("high"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        guard let (first, reason) = ArgumentText.firstWord(arguments) else {
            return .failure(usageError("give a severity"))
        }
        guard let severity = Severity(parsing: first) else { return .failure(usageError("severity must be 1-4")) }
        return .success(.severity(severity, reason: reason))
    }
}
