import Notify

/// What the acknowledge-link pages (`GET`/`POST /ack/<token>`) need from the rest of sitrep, which `SitrepApp`
/// implements: the incident's public summary, and the acknowledgement itself. The routes have already checked the
/// token's signature and expiry; the handler enforces single use (the page attempt in `claims` is marked used in
/// the same transaction that records the `/ack`).
public protocol AcknowledgeLinkHandler: Sendable {
    /// What the page shows about the incident the link is for; nil if there is no such incident (any more).
    func summary(for claims: AckClaims) async throws -> AckLinkSummary?

    /// Acknowledge the incident as `claims.person`: record an `/ack` by that person on the timeline, stop paging,
    /// say it in the incident channel, and mark the link's attempt used. Idempotent per attempt: a second call for
    /// the same attempt answers `.alreadyUsed` and changes nothing.
    func acknowledge(_ claims: AckClaims) async throws -> AckLinkOutcome
}

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
