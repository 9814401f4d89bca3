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
