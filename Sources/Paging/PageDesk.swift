import SitrepCore

/// The chat side of paging as a pure machine, for the incident coordinator: the rounds of pages sent lately
/// (`PageDeliveries`), what a "no such nick" answer to one of them leads to, which attempts an acknowledgement
/// marks, and which acknowledge links are being used right now. The coordinator performs what it decides (store
/// updates, the line in the incident channel, firing the next tier); time is passed in.
///
/// A link in use is machine state: `linkUseBegins` refuses a second use of one link while the first one's `/ack`
/// is being stored, and `acknowledged` leaves a link in use to mark its attempt by its own path; the coordinator
/// keeps no guard of its own.
public struct PageDesk: Sendable {
    /// What an undeliverable page leads to.
    public struct Undelivered: Sendable, Equatable {
        /// The page that failed.
        public var failure: PageDeliveries.Failure
        /// The stored attempt to mark failed (the person's next method then starts), nil when none was stored.
        public var attemptToFail: String?
        /// The line for the incident channel.
        public var line: String
        /// The escalation timer to fire now: nobody of the round was reached and nobody has another way to be
        /// paged, so the next tier is paged now rather than when its timer is due.
        public var fireNow: IncidentTimer?
    }

    /// Why a failed chat attempt failed, as stored.
    public static var notOnNetworkReason: String { "not on the chat network" }

    public private(set) var deliveries = PageDeliveries()
    /// Attempts whose acknowledge link is being used right now.
    public private(set) var linksInUse: Set<String> = []

    public init() {}

    /// A round of chat pages went out.
    public mutating func pagesSent(
        incidentID: Int64, level: Int?, to recipients: [PageDeliveries.Recipient], at time: Timestamp
    ) {
        deliveries.sent(incidentID: incidentID, level: level, to: recipients, at: time)
    }

    /// The network answered that nobody by `key` (as it compares names) is on it. Nil when that answers no
    /// recent page, or its incident is not `incident`'s open one.
    ///
    /// - Parameters:
    ///   - incident: the open incident of an id.
    ///   - otherMethods: the methods beyond chat a person is paged by (an email, a webhook), in order.
    ///   - pendingTimers: the timers pending for an incident, in order.
    ///   - network: the id of the network an incident is run on, for the line.
    public mutating func undeliverable(
        key: String, at now: Timestamp, incident: (Int64) -> Incident?,
        otherMethods: (ChatIdentity) -> [ContactMethod.Kind], pendingTimers: (Int64) -> [IncidentTimer],
        network: (Incident) -> String
    ) -> (incident: Incident, plan: Undelivered)? {
        guard let failure = deliveries.undeliverable(key: key, at: now), let open = incident(failure.incidentID)
        else { return nil }
        let methods = otherMethods(failure.person)
        let unanswered = failure.nobodyReached && methods.isEmpty && failure.level != nil && open.acknowledgedAt == nil
        let nextTimer = unanswered ? pendingTimers(open.id).first { $0.id.kind == .escalation } : nil
        let next: String?
        if let nextTimer {
            next = "paging the next tier now: \(nextTimer.text ?? "tier \(open.escalationLevel + 1)")"
        } else if !methods.isEmpty {
            next = "paging \(failure.person.name) by \(methods.map(\.rawValue).joined(separator: " and ")) instead"
        } else if unanswered {
            next = "no escalation tier is left to page; INC-\(open.id) is still not acknowledged"
        } else {
            next = nil
        }
        let line = PageText.undeliverable(failure.person.name, network: network(open), next: next)
        return (open, Undelivered(failure: failure, attemptToFail: failure.attemptID, line: line, fireNow: nextTimer))
    }

    /// `person` acknowledged the incident: its rounds are forgotten, and the attempts returned (those to
    /// `person` that were sent or read, except one whose link is in use) are to be marked acknowledged.
    public mutating func acknowledged(incidentID: Int64, by person: ChatIdentity, attempts: [PageAttempt])
        -> [PageAttempt]
    {
        deliveries.forget(incidentID: incidentID)
        return attempts.filter {
            $0.person.isSameIdentity(as: person) && [.sent, .read].contains($0.status) && !linksInUse.contains($0.id)
        }
    }

    /// The chat attempts to claim before `pages` go out, one per page to its nick in `nicks` (same order), under
    /// `step` (`tier-2`, `manual-…`), round 1.
    public static func chatAttempts(
        for pages: [Page], nicks: [String], incidentID: Int64, step: String, at time: Timestamp
    ) -> [PageAttempt] {
        zip(pages, nicks).map { page, nick in
            PageAttempt(
                id: PageAttempt.key(incidentID: incidentID, step: step, person: page.person, method: "chat", round: 1),
                incidentID: incidentID, person: page.person, method: "chat", address: nick, step: step, queuedAt: time)
        }
    }

    /// An invitation into `channel` for each person a page among `pages` (direct messages) goes to who is not
    /// among its `members` (by nick or account, as `nameKey` compares names): a page repeated every few minutes
    /// does not repeat the invitation once they came.
    public static func invitations(
        for pages: [ChatAction], into channel: String, members: [Participant], nameKey: (String) -> String
    ) -> [ChatAction] {
        let present = Set(members.flatMap { [nameKey($0.nick), nameKey($0.identity.name)] })
        return pages.compactMap { page in
            guard case .message(let person, _) = page, !present.contains(nameKey(person)) else { return nil }
            return .invite(nick: person, channel: channel)
        }
    }

    /// What becomes, at start, of a chat attempt a process claimed and died before it said how the send went.
    public enum Resumption: Sendable, Equatable {
        /// Its incident is closed or acknowledged: it failed, for `reason`.
        case fail(reason: String)
        /// Sent again (`resend`: the text to send here, nil when the effect fence resends the firing's lines),
        /// and recorded as sent.
        case send(resend: String?)
    }

    /// The resumption of `attempt` (queued, chat) whose incident is `incident` when open. A timer's page is part
    /// of its firing's effect, which the effect fence (when `fenced`) resends; any other page (a manual
    /// `!escalate`) is resent here, marked.
    public static func resumption(of attempt: PageAttempt, openIncident incident: Incident?, fenced: Bool) -> Resumption {
        guard let incident, incident.acknowledgedAt == nil else {
            return .fail(reason: "not sent before a restart; no longer needed")
        }
        guard !fenced || attempt.step.hasPrefix("manual-") else { return .send(resend: nil) }
        return .send(resend: "[resent after a restart] " + PageText.page(for: incident, why: attempt.step, by: nil))
    }

    /// The acknowledge link of `attemptID` is being used: false when it is in use already (refuse it).
    public mutating func linkUseBegins(_ attemptID: String) -> Bool {
        linksInUse.insert(attemptID).inserted
    }

    /// The use of the link of `attemptID` ended, stored or not.
    public mutating func linkUseEnded(_ attemptID: String) {
        linksInUse.remove(attemptID)
    }
}
