/// What carrying out an intent involves besides its decision, for the coordinator that performs it.
extension IncidentIntent {
    /// Whether the intent names another person by nick, who must be resolved to an identity.
    public var namesSomeone: Bool {
        switch self {
        case .lead(let nick?), .role(_, let nick?): !nick.isEmpty
        default: false
        }
    }

    /// Classifying an incident may bring up past incidents and solutions worth suggesting.
    public var asksForSuggestions: Bool {
        switch self {
        case .category, .services: true
        default: false
        }
    }
}
