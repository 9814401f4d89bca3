/// A standard solution (`/solution`): how a kind of incident is fixed, recorded for the category and services
/// of the incident it was found in, and suggested when a similar incident is declared or categorised.
public struct Solution: Sendable, Equatable, Codable, Identifiable {
    public var id: Int64
    /// The incident it was recorded in.
    public var incidentID: Int64
    public var text: String
    public var category: String?
    public var services: [String]
    public var createdAt: Timestamp
    public var createdBy: Participant

    public init(
        id: Int64, incidentID: Int64, text: String, category: String?, services: [String], createdAt: Timestamp,
        createdBy: Participant
    ) {
        self.id = id
        self.incidentID = incidentID
        self.text = text
        self.category = category
        self.services = services
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    /// `checkout`, `database, checkout`, or `any incident` when neither is set.
    public var scope: String {
        let parts = (category.map { [$0] } ?? []) + services
        return parts.isEmpty ? "any incident" : parts.joined(separator: ", ")
    }
}
