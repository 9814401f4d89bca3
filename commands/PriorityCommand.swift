import SitrepCore

/// `/priority <impact> <urgency>`: set the ITIL priority (P1…P5) through the configured matrix.
public enum PriorityCommand: ChatCommand {
    public static let name = "priority"
    public static let aliases = ["prio"]
    public static let summary = "set impact and urgency; the priority (P1-P5) follows from the matrix"
    public static let usage = "/priority <high|medium|low> <high|medium|low>"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("high medium", .priority(impact: .high, urgency: .medium)),
        CommandExample("h l", .priority(impact: .high, urgency: .low)),
        CommandExample("LOW High", .priority(impact: .low, urgency: .high)),
        .invalid(""), .invalid("high"), .invalid("high urgent"), .invalid("high low now"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        let words = ArgumentText.words(arguments)
        guard words.count == 2 else { return .failure(usageError("give impact and urgency")) }
        guard let impact = PriorityMatrix.Rating(parsing: words[0]),
            let urgency = PriorityMatrix.Rating(parsing: words[1])
        else { return .failure(usageError("impact and urgency are high, medium or low")) }
        return .success(.priority(impact: impact, urgency: urgency))
    }
}
