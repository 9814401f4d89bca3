/// Narrows a search to incidents of a category, a service, a severity, or declared in a time range.
public struct SearchFilter: Sendable, Equatable {
    /// `network` also matches `network/dns`; `network/dns` matches only itself (case-insensitive).
    public var category: String?
    /// One of the incident's services (case-insensitive).
    public var service: String?
    public var severity: Severity?
    /// Declared at or after.
    public var since: Timestamp?
    /// Declared before.
    public var until: Timestamp?

    public init(
        category: String? = nil, service: String? = nil, severity: Severity? = nil, since: Timestamp? = nil,
        until: Timestamp? = nil
    ) {
        self.category = category
        self.service = service
        self.severity = severity
        self.since = since
        self.until = until
    }
}

/// One incident found by a search, with the best-matching piece of text.
public struct SearchHit: Sendable, Equatable, Codable {
    public var incidentID: Int64
    public var title: String
    public var state: IncidentState
    public var severity: Severity
    public var category: String?
    public var services: [String]
    public var declaredAt: Timestamp
    /// Where the best match is: `title`, `update`, `note`, … (`SearchText.Field`), or `transcript`.
    public var matchedIn: String
    /// A short excerpt around the match, matched words in `[brackets]`; one line.
    public var snippet: String
    /// bm25 of the best match (lower is better; negative).
    public var score: Double

    public init(
        incidentID: Int64, title: String, state: IncidentState, severity: Severity, category: String?,
        services: [String], declaredAt: Timestamp, matchedIn: String, snippet: String, score: Double
    ) {
        self.incidentID = incidentID
        self.title = title
        self.state = state
        self.severity = severity
        self.category = category
        self.services = services
        self.declaredAt = declaredAt
        self.matchedIn = matchedIn
        self.snippet = snippet
        self.score = score
    }

    /// `INC-3 [SEV2 · resolved] Checkout returns 500s — …rolled back [deploy] 512…`, for chat and the CLI.
    public var line: String {
        let excerpt = matchedIn == "title" ? "" : " — \(matchedIn): \(snippet)"
        return ChatText.oneLine(
            "INC-\(incidentID) [\(severity) · \(state)] \(ChatText.oneLine(title, limit: 80))\(excerpt)", limit: 300)
    }
}
