import SitrepCore

/// `/stats [period]`: counts, times to acknowledge and resolve, SLA adherence, recurring incidents and the
/// busiest responders over the last period (`7d`, `30d`, `24h`, `2w`; default 30d), in 2–3 lines.
public enum StatsCommand: ChatCommand {
    public static let name = "stats"
    public static let aliases = ["report"]
    public static let summary = "incident statistics over the last period (default 30d)"
    public static let usage = "/stats [period, e.g. 7d]"
    public static let requiredLevel = AccessLevel.stakeholder
    /// The period without an argument.
    public static let defaultPeriod = Duration.seconds(30 * 86_400)
    public static let examples = [
        CommandExample("", .stats(period: .seconds(30 * 86_400))),
        CommandExample("7d", .stats(period: .seconds(7 * 86_400))),
        CommandExample("24H", .stats(period: .seconds(86_400))),
        CommandExample("2w", .stats(period: .seconds(14 * 86_400))),
        .invalid("week"), .invalid("7"), .invalid("0d"), .invalid("7d 30d"), .invalid("9999d"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        let words = ArgumentText.words(arguments)
        guard let word = words.first else { return .success(.stats(period: defaultPeriod)) }
        guard words.count == 1, let period = ReportPeriod.parse(word) else {
            return .failure(usageError("give one period like 24h, 7d, 30d or 2w"))
        }
        return .success(.stats(period: period))
    }
}
