import SitrepCore

/// `/search <words> [category:x] [service:y] [sev:1] [since:30d]`: full-text search over past incidents'
/// titles, updates, notes, causes, resolutions and solutions; the filter words may come anywhere.
public enum SearchCommand: ChatCommand {
    public static let name = "search"
    public static let aliases = ["find", "kbsearch"]
    public static let summary = "search past incidents (titles, updates, notes, causes, resolutions, solutions)"
    public static let usage = "/search <words> [category:x] [service:y] [sev:1] [since:30d]"
    public static let requiredLevel = AccessLevel.stakeholder
    public static let examples = [
        CommandExample("checkout 500", .search(SearchRequest(words: "checkout 500"))),
        CommandExample(
            "dns timeout category:network service:api sev:2 since:30d",
            .search(
                SearchRequest(
                    words: "dns timeout", category: "network", service: "api", severity: .sev2,
                    within: .seconds(30 * 86_400)))),
        CommandExample("service:checkout rollback", .search(SearchRequest(words: "rollback", service: "checkout"))),
        CommandExample("\"quoted\" AND (x)", .search(SearchRequest(words: "\"quoted\" AND (x)"))),
        .invalid(""), .invalid("category:network"), .invalid("db sev:9"), .invalid("db since:soon"),
        .invalid("db category:"),
    ]

    public static func parse(_ arguments: String) -> Result<IncidentIntent, UsageError> {
        var request = SearchRequest(words: "")
        var words: [Substring] = []
        for word in ArgumentText.words(arguments) {
            guard let colon = word.firstIndex(of: ":"),
                let key = Filter(rawValue: word[..<colon].lowercased())
            else {
                words.append(word)
                continue
            }
            let value = String(word[word.index(after: colon)...])
            guard !value.isEmpty else { return .failure(usageError("give a value after \(key.rawValue):")) }
            switch key {
            case .category, .cat: request.category = value
            case .service: request.service = value
            case .sev, .severity:
                guard let severity = Severity(parsing: value) else { return .failure(usageError("sev is 1-4")) }
                request.severity = severity
            case .since:
                guard let period = ReportPeriod.parse(value) else {
                    return .failure(usageError("since is a period like 24h, 7d or 30d"))
                }
                request.within = period
            }
        }
        guard !words.isEmpty else { return .failure(usageError("give words to search for")) }
        request.words = words.joined(separator: " ")
        return .success(.search(request))
    }

    private enum Filter: String {
        case category, cat, service, sev, severity, since
    }
}
