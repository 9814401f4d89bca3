/// A search as typed in chat (`/search`) or on the command line: the words and filters, with the time range
/// relative to now (`since:30d`) until `filter(now:)` fixes it.
public struct SearchRequest: Sendable, Equatable {
    public var words: String
    public var category: String?
    public var service: String?
    public var severity: Severity?
    /// Declared within this long before now.
    public var within: Duration?
    public var includeTranscripts: Bool

    public init(
        words: String, category: String? = nil, service: String? = nil, severity: Severity? = nil,
        within: Duration? = nil, includeTranscripts: Bool = false
    ) {
        self.words = words
        self.category = category
        self.service = service
        self.severity = severity
        self.within = within
        self.includeTranscripts = includeTranscripts
    }

    /// The filter at `now`.
    public func filter(now: Timestamp) -> SearchFilter {
        SearchFilter(
            category: category, service: service, severity: severity,
            since: within.map { now.adding(.zero - $0) })
    }
}
