/// What a past incident is, for both stores: one that reached `resolved` or `closed` (a cancelled incident never
/// happened, an open one is not past). Suggestions and the status page's recently resolved list select by these
/// states; the stores bind them rather than spell them in SQL.
public enum PastIncidents {
    /// The states of a past incident.
    public static let states: [IncidentState] = [.resolved, .closed]
    /// `states` as stored.
    public static let storedStates: [String] = states.map(\.rawValue)
}

extension SuggestionCandidates {
    /// The candidates of the two reads a store makes for suggestions (best title matches, latest of the same
    /// classification): each past incident once, by id.
    public init(titleMatches: [Incident], classified: [Incident], solutions: [Solution]) {
        var byID: [Int64: Incident] = [:]
        for incident in titleMatches + classified { byID[incident.id] = incident }
        self.init(incidents: byID.values.sorted { $0.id < $1.id }, solutions: solutions)
    }
}
