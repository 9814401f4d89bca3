/// An incident as the acknowledge page shows it: only what its public status page shows, plus who acknowledged.
public struct AckLinkSummary: Sendable, Equatable {
    public var incidentID: Int64
    public var title: String
    /// `SEV1` … `SEV4`.
    public var severity: String
    /// The lifecycle state as a word (`declared`, `investigating`, `resolved`).
    public var state: String
    /// The public summary of the incident, if it has one.
    public var summary: String?
    /// Who acknowledged it, if someone did.
    public var acknowledgedBy: String?
    /// Resolved or closed: nothing left to acknowledge.
    public var isClosed: Bool
    /// This link's attempt was already used to acknowledge.
    public var linkUsed: Bool

    public init(
        incidentID: Int64, title: String, severity: String, state: String, summary: String? = nil,
        acknowledgedBy: String? = nil, isClosed: Bool = false, linkUsed: Bool = false
    ) {
        self.incidentID = incidentID
        self.title = title
        self.severity = severity
        self.state = state
        self.summary = summary
        self.acknowledgedBy = acknowledgedBy
        self.isClosed = isClosed
        self.linkUsed = linkUsed
    }
}
