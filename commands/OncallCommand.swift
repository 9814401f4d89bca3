import SitrepCore

/// `/oncall [schedule]`: who a schedule has on call now, until when, and who is next (every schedule when none is
/// named). `/oncall take [schedule] [hours]`: take a schedule's shifts yourself, for `hours` (1–168) or for the rest
/// of the current shift; the schedule may be left out when only one is configured.
public enum OncallCommand: ChatCommand {
    public static let name = "oncall"
    public static let summary = "who is on call (and until when); /oncall take [schedule] [hours] to take the shift"
    public static let usage = "/oncall [schedule] | /oncall take [schedule] [hours]"
    public static let requiredLevel = AccessLevel.stakeholder
    public static let examples = [
        CommandExample("", .oncall(schedule: nil)),
        CommandExample("ops", .oncall(schedule: "ops")),
        CommandExample("take", .oncallTake(schedule: nil, hours: nil)),
        CommandExample("take 4", .oncallTake(schedule: nil, hours: 4)),
        CommandExample("take ops", .oncallTake(schedule: "ops", hours: nil)),
        CommandExample(" take  ops 12 ", .oncallTake(schedule: "ops", hours: 12)),
        .invalid("ops dba"), .invalid("take 0"), .invalid("take 169"), .invalid("take ops 4 more"),
        .invalid("take ops four"), .invalid("Ops!"),
    ]

    /// The most hours `/oncall take` covers: a week.
    public static let maxHours = 168

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        let words = ArgumentText.words(arguments).map(String.init)
        guard let first = words.first else { return .success(.oncall(schedule: nil)) }
        guard first.lowercased() == "take" else {
            guard words.count == 1 else { return .failure(usageError("name at most one schedule")) }
            guard isScheduleName(first) else { return .failure(usageError("not a schedule name: \(first)")) }
            return .success(.oncall(schedule: first))
        }
        var rest = Array(words.dropFirst())
        var schedule: String?
        if let word = rest.first, Int(word) == nil {
            guard isScheduleName(word) else { return .failure(usageError("not a schedule name: \(word)")) }
            schedule = word
            rest.removeFirst()
        }
        guard rest.count <= 1 else { return .failure(usageError("too many words after take")) }
        guard let word = rest.first else { return .success(.oncallTake(schedule: schedule, hours: nil)) }
        guard let hours = Int(word), (1...maxHours).contains(hours) else {
            return .failure(usageError("hours must be a whole number from 1 to \(maxHours), got \(word)"))
        }
        return .success(.oncallTake(schedule: schedule, hours: hours))
    }

    /// Schedule names are lower-case words (as `schedules:` in the config requires).
    static func isScheduleName(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
    }
}
