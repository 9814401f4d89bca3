import SitrepCore

/// The paging of one incident beyond its first chat messages: every person the incident paged (each found by the
/// round-1 chat attempt the coordinator stored when it paged them) followed through their notification rules, as
/// `PersonPage`s. Pure: the executor (`PageDispatcher`) loads the incident and its attempts, asks what is due,
/// claims and sends it, and asks again.
///
/// A person's page stops when the incident is acknowledged, resolved or closed, and, for a page from an
/// escalation tier, when the escalation has moved past that tier. A page to a person by a manual
/// `!escalate <nick>` goes on until the incident is acknowledged.
public struct IncidentPaging: Sendable {
    /// How a configured person is reached: contacts by method (chat at the nick paged) and rules.
    public typealias Reach = @Sendable (_ person: ChatIdentity, _ nick: String) -> (
        contacts: [ContactMethod.Kind: String], rules: NotificationRules
    )

    public var incident: Incident
    public var attempts: [PageAttempt]
    let reach: Reach

    public init(incident: Incident, attempts: [PageAttempt], reach: @escaping Reach) {
        self.incident = incident
        self.attempts = attempts
        self.reach = reach
    }

    /// Whether the incident still pages anyone: open, not resolved and not acknowledged.
    public var isPaging: Bool { incident.isOpen && incident.state != .resolved && incident.acknowledgedAt == nil }

    /// The people being paged: one `PersonPage` per round-1 chat attempt whose step is still current.
    public var pages: [PersonPage] {
        guard isPaging else { return [] }
        return attempts.filter { $0.method == ContactMethod.Kind.chat.rawValue && $0.id.hasSuffix("/chat/1") }
            .filter { Self.isCurrent(step: $0.step, escalationLevel: incident.escalationLevel) }
            .map { anchor in
                let (contacts, rules) = reach(anchor.person, anchor.address)
                return PersonPage(
                    incidentID: incident.id, step: anchor.step, person: anchor.person, contacts: contacts, rules: rules,
                    startedAt: anchor.queuedAt)
            }
    }

    /// What is due now across every person, and when to look again (nil: nothing more is planned).
    public func due(at now: Timestamp) -> (attempts: [PageAttempt], next: Timestamp?) {
        var due: [PageAttempt] = []
        var next: Timestamp?
        for page in pages {
            switch page.decide(now: now, attempts: attempts) {
            case .send(let attempts):
                due += attempts
                // Attempts after these are planned too: look again once these are stored.
                next = now
            case .wait(let until): next = next.map { min($0, until) } ?? until
            case .done: break
            }
        }
        return (due, next)
    }

    /// Chat attempts not read in time, across every person (each to be recorded as failed, with the reason the
    /// person's rules give), and when the next unread deadline is.
    public func unread(at now: Timestamp) -> (attempts: [(attempt: PageAttempt, reason: String)], next: Timestamp?) {
        var found: [(attempt: PageAttempt, reason: String)] = []
        var next: Timestamp?
        for page in pages {
            let (expired, deadline) = page.unread(now: now, attempts: attempts)
            let limits = Dictionary(
                page.planned.map { ($0.id, $0.unreadAfter) }, uniquingKeysWith: { first, _ in first })
            for attempt in expired {
                found.append((attempt, PersonPage.unreadReason(after: (limits[attempt.id] ?? nil) ?? .zero)))
            }
            if let deadline { next = next.map { min($0, deadline) } ?? deadline }
        }
        return (found, next)
    }

    /// Attempts claimed but never known sent (`queued`) by a method other than chat, not in `inFlight`: a
    /// process claimed them and stopped before it could say how the send went. They are sent again (with the same
    /// idempotency key) while the incident still pages; chat ones are the coordinator's to resend.
    public func unfinished(excluding inFlight: Set<String>) -> [PageAttempt] {
        guard isPaging else { return [] }
        return attempts.filter {
            $0.status == .queued && $0.method != ContactMethod.Kind.chat.rawValue && !inFlight.contains($0.id)
        }
    }

    /// A page from escalation tier N (`tier-N`, `manual-tier-N`) is current until the escalation moves past N;
    /// any other step (a manual page to a person) stays current.
    public static func isCurrent(step: String, escalationLevel: Int) -> Bool {
        guard let tier = tierLevel(of: step) else { return true }
        return escalationLevel <= tier
    }

    /// N of `tier-N` or `manual-tier-N`.
    static func tierLevel(of step: String) -> Int? {
        for prefix in ["tier-", "manual-tier-"] where step.hasPrefix(prefix) {
            return Int(step.dropFirst(prefix.count))
        }
        return nil
    }
}
