import SitrepCore

/// `/timeline [n]`: the last n key events (default chosen by the coordinator).
public enum TimelineCommand: ChatCommand {
    public static let name = "timeline"
    public static let aliases = ["tl", "log"]
    public static let summary = "show the last key events"
    public static let usage = "/timeline [n]"
    public static let requiredLevel = AccessLevel.stakeholder
    /// More would flood the channel.
    public static let maximum = 50
    public static let examples = [
        CommandExample("", .timeline(limit: nil)), CommandExample("10", .timeline(limit: 10)),
        .invalid("ten"), .invalid("0"), .invalid("51"), .invalid("5 6"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        let words = ArgumentText.words(arguments)
        guard let word = words.first else { return .success(.timeline(limit: nil)) }
        guard words.count == 1, word.allSatisfy(\.isASCII), let limit = Int(word), (1...maximum).contains(limit)
        else { return .failure(usageError("n is a number from 1 to \(maximum)")) }
        return .success(.timeline(limit: limit))
    }
}
