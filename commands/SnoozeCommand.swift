import SitrepCore

/// `/snooze <duration>`: silence the incident's reminders for a while. The escalation of a SEV1 incident is
/// never snoozed; other severities' escalation pages wait too.
public enum SnoozeCommand: ChatCommand {
    public static let name = "snooze"
    public static let summary = "silence this incident's reminders for a while (SEV1 escalation still pages)"
    public static let usage = "/snooze <duration>"
    public static let requiredLevel = AccessLevel.responder
    public static let examples = [
        CommandExample("30m", .snooze(.seconds(1800))), CommandExample("1H", .snooze(.seconds(3600))),
        CommandExample(" 2h15m ", .snooze(.seconds(8100))),
        .invalid(""), .invalid("forever"), .invalid("30m please"), .invalid("30"), .invalid("0s"), .invalid("8d"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        let words = ArgumentText.words(arguments)
        guard let word = words.first else { return .failure(usageError(ChatDuration.ParseError.empty.description)) }
        guard words.count == 1 else { return .failure(usageError("give only a duration")) }
        return ChatDuration.parse(word).map { .snooze($0) }.mapError { usageError($0.description) }
    }
}
