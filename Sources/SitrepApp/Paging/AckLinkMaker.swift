import Foundation
import Notify
import SitrepCore

/// Makes the acknowledge link of an out-of-chat page (`<web.public_url>/ack/<token>`) and the incident's status
/// link, when the web side has a public URL and an acknowledge secret.
struct AckLinkMaker: Sendable {
    /// How long a link works: a page read the next morning still acknowledges, a forwarded one soon stops.
    static let lifetime: Duration = .seconds(12 * 3600)

    let signer: AckLinkSigner
    let publicURL: String

    /// The maker for `web`, nil when it has no public URL or no acknowledge secret.
    init?(web: SitrepConfig.Web?) {
        guard let web, let publicURL = web.publicURL, let signer = web.ackLinkSigner else { return nil }
        self.signer = signer
        self.publicURL = publicURL
    }

    /// The signed, expiring link for `attempt` (single use: the store marks the attempt used).
    func url(for attempt: PageAttempt, now: Timestamp) -> String {
        let expires = Date(timeIntervalSince1970: Double(now.adding(Self.lifetime).milliseconds) / 1000)
        let claims = AckClaims(
            incidentID: attempt.incidentID, person: attempt.person.name, attemptID: attempt.id, expires: expires)
        return AckLink.url(publicURL: publicURL, signer: signer, claims: claims)
    }

    /// The incident's page on the status site.
    func incidentURL(_ incidentID: Int64) -> String {
        var base = publicURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/incidents/\(incidentID)"
    }
}
