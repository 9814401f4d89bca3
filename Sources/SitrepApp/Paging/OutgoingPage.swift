import Notify
import Paging
import SitrepCore

/// What one page attempt sends: where (a nick, an address, a webhook), and the words for each transport (the
/// email letter, the chat line, the webhook's fields), with its signed acknowledge link when the web side has one.
struct OutgoingPage: Sendable {
    var destination: PageTransports.Destination
    var letter: PageLetter
    var chatText: String
    var fields: PageFields

    /// The page `attempt` makes for `incident`, its hints written with the command `prefix`; `links` makes the
    /// acknowledge and incident links (nil: none), `webhook` gives a person's configured webhook (the stored
    /// address is shortened, as its URL may carry a token).
    init(
        _ attempt: PageAttempt, for incident: Incident, prefix: String, links: AckLinkMaker?, now: Timestamp,
        webhook: (ChatIdentity) -> SitrepConfig.Paging.Webhook?
    ) {
        let round = Int(attempt.id.split(separator: "/").last ?? "1") ?? 1
        let ackURL = links?.url(for: attempt, now: now)
        let incidentURL = links?.incidentURL(incident.id)
        letter = PageLetter(
            incident: incident, step: attempt.step, round: round, ackURL: ackURL, incidentURL: incidentURL,
            commandPrefix: prefix)
        chatText = PageText.page(for: incident, why: attempt.step, by: nil)
        fields = PageFields(
            incidentID: incident.id, title: incident.title, severity: "\(incident.severity)",
            status: incident.state.rawValue, text: chatText, person: attempt.person.name, ackURL: ackURL,
            incidentURL: incidentURL, attempt: round)
        destination =
            switch ContactMethod.Kind(rawValue: attempt.method) ?? .chat {
            case .chat: .chat(nick: attempt.address)
            case .email: .email(attempt.address)
            case .webhook: .webhook(webhook(attempt.person))
            }
    }
}
