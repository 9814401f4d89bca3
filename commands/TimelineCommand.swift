import SitrepCore

/// `/timeline [incident] [n]`: the last n key events (default chosen by the coordinator) of this incident, or of the
/// one named (`INC-2` or `#2`; a bare number alone is the count, so `!timeline 2 10` names incident 2).
public enum TimelineCommand: ChatCommand {
    public static let name = "timeline"
    public static let aliases = ["tl", "log"]
    public static let summary = "show the last key events"
    public static let usage = "/timeline [incident] [n]"
    public static let requiredLevel = AccessLevel.stakeholder
    /// More would flood the channel.
    public static let maximum = 50
    public static let examples = [
        CommandExample("", .timeline(limit: nil)), CommandExample("10", .timeline(limit: 10)),
        CommandExample("INC-2", .about(incident: 2, .timeline(limit: nil))),
        CommandExample("#2 5", .about(incident: 2, .timeline(limit: 5))),
        CommandExample("2 5", .about(incident: 2, .timeline(limit: 5))),
        .invalid("ten"), .invalid("0"), .invalid("51"), .invalid("5 60"), .invalid("x 6"), .invalid("1 2 3"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        let words = ArgumentText.words(arguments)
        guard let word = words.first else { return .success(.timeline(limit: nil)) }
        guard words.count <= 2 else { return .failure(usageError("give at most an incident and a count")) }
        if words.count == 2 || word.hasPrefix("#") || word.lowercased().hasPrefix("inc-") {
            guard let id = ArgumentText.incidentID(word) else {
                return .failure(usageError("name the incident by its number (2, #2 or INC-2)"))
            }
            guard words.count == 2 else { return .success(.about(incident: id, .timeline(limit: nil))) }
            return limit(words[1]).map { .about(incident: id, .timeline(limit: $0)) }
        }
        return limit(word).map { .timeline(limit: $0) }
    }

    private static func limit(_ word: Substring) -> Result<Int, UsageError> {
        guard word.allSatisfy(\.isASCII), let limit = Int(word), (1...maximum).contains(limit) else {
            return .failure(usageError("n is a number from 1 to \(maximum)"))
        }
        return .success(limit)
    }
}
