/// A follow-up action coming out of an incident (`/followup`), tracked until done; survives closure.
public struct FollowUp: Sendable, Equatable, Codable, Identifiable {
    public enum State: String, Sendable, Codable {
        case open
        case done
    }

    public var id: Int64
    public var incidentID: Int64
    public var text: String
    public var owner: String?
    public var state: State
    public var createdAt: Timestamp
    public var createdBy: Participant
    public var doneAt: Timestamp?

    public init(
        id: Int64, incidentID: Int64, text: String, owner: String?, state: State = .open, createdAt: Timestamp,
        createdBy: Participant, doneAt: Timestamp? = nil
    ) {
        self.id = id
        self.incidentID = incidentID
        self.text = text
        self.owner = owner
        self.state = state
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.doneAt = doneAt
    }
}
