/// What pressing Acknowledge did.
public enum AckLinkOutcome: Sendable, Equatable {
    /// Recorded as an `/ack` by the link's person.
    case acknowledged
    /// This link was used before; nothing changed.
    case alreadyUsed
    /// Someone had acknowledged it already (maybe in chat); nothing changed.
    case alreadyAcknowledged(by: String)
    /// The incident is resolved or closed; nothing changed.
    case closed
}
