import SitrepCore

/// The paging machine for one person paged at one escalation step of one incident: given the attempts made so
/// far (as stored) and the time, which attempts are due now and when the next one will be. Pure: the caller
/// claims the attempts it returns in the store before sending them, records how each went, and asks again.
///
/// - Attempt `i` of round `r` is due `(r - 1) × repeatEvery + steps[i].after` after `startedAt`.
/// - A failed attempt brings the next one forward to the moment it failed: a person not on IRC gets their email
///   at once, not a minute later.
/// - Steps naming a method the person has no contact for are left out.
/// - Nothing more is due once any attempt is acknowledged, the incident is acknowledged, or every round is used.
public struct PersonPage: Sendable, Equatable {
    public var incidentID: Int64
    /// The escalation step that paged them (`tier-2`, `manual`).
    public var step: String
    public var person: ChatIdentity
    /// The person's contacts by method.
    public var contacts: [ContactMethod.Kind: String]
    public var rules: NotificationRules
    public var startedAt: Timestamp

    public init(
        incidentID: Int64, step: String, person: ChatIdentity, contacts: [ContactMethod.Kind: String],
        rules: NotificationRules, startedAt: Timestamp
    ) {
        self.incidentID = incidentID
        self.step = step
        self.person = person
        self.contacts = contacts
        self.rules = rules
        self.startedAt = startedAt
    }

    /// What to do now.
    public enum Decision: Sendable, Equatable {
        /// Claim these attempts (queued) and send them, in order.
        case send([PageAttempt])
        /// Nothing is due before this time.
        case wait(until: Timestamp)
        /// Nothing more will be sent: acknowledged, or every attempt made.
        case done
    }

    /// One attempt the rules plan, in order.
    public struct Planned: Sendable, Equatable {
        public var id: String
        public var method: ContactMethod.Kind
        public var address: String
        public var scheduled: Timestamp
        /// How long the message may stay unread (chat on a network that reports reading), nil: not watched.
        public var unreadAfter: Duration?
    }

    /// Every attempt the rules plan for this person, in order (rounds, then steps).
    public var planned: [Planned] {
        let steps = rules.steps.filter { contacts[$0.method] != nil }
        guard !steps.isEmpty else { return [] }
        let rounds = rules.repeatEvery == nil ? 1 : rules.rounds
        return (1...rounds).flatMap { round in
            steps.map { step in
                let offset = (rules.repeatEvery ?? .zero) * (round - 1) + step.after
                return Planned(
                    id: PageAttempt.key(
                        incidentID: incidentID, step: self.step, person: person, method: step.method.rawValue,
                        round: round),
                    method: step.method, address: contacts[step.method] ?? "", scheduled: startedAt.adding(offset),
                    unreadAfter: step.method == .chat ? step.unreadAfter : nil)
            }
        }
    }

    /// The attempts due at `now` that `attempts` (what the store holds for this incident) does not have yet.
    public func decide(now: Timestamp, attempts: [PageAttempt], incidentAcknowledged: Bool = false) -> Decision {
        let byID = Dictionary(attempts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let mine = planned
        if incidentAcknowledged || mine.contains(where: { byID[$0.id]?.status == .acknowledged }) { return .done }
        var due: [PageAttempt] = []
        var previousFailedAt: Timestamp?
        for attempt in mine {
            let effective = previousFailedAt.map { min($0, attempt.scheduled) } ?? attempt.scheduled
            if let stored = byID[attempt.id] {
                previousFailedAt = stored.status == .failed ? (stored.updatedAt ?? stored.queuedAt) : nil
                continue
            }
            guard effective <= now else {
                return due.isEmpty ? .wait(until: effective) : .send(due)
            }
            due.append(
                PageAttempt(
                    id: attempt.id, incidentID: incidentID, person: person, method: attempt.method.rawValue,
                    address: attempt.address, step: step, queuedAt: now))
            previousFailedAt = nil
        }
        return due.isEmpty ? .done : .send(due)
    }

    /// The chat attempts sent but not read within their step's `unreadAfter` by `now` (each counts as failed
    /// from then: the executor records it so, and `decide` brings the next method forward), and the earliest
    /// deadline still ahead. Nothing once anyone acknowledged.
    public func unread(now: Timestamp, attempts: [PageAttempt]) -> (expired: [PageAttempt], next: Timestamp?) {
        let byID = Dictionary(attempts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let mine = planned
        if mine.contains(where: { byID[$0.id]?.status == .acknowledged }) { return ([], nil) }
        var expired: [PageAttempt] = []
        var next: Timestamp?
        for attempt in mine {
            guard let limit = attempt.unreadAfter, let stored = byID[attempt.id], stored.status == .sent else {
                continue
            }
            let deadline = (stored.updatedAt ?? stored.queuedAt).adding(limit)
            if deadline <= now {
                expired.append(stored)
            } else {
                next = next.map { min($0, deadline) } ?? deadline
            }
        }
        return (expired, next)
    }

    /// The reason an unread chat attempt fails with.
    public static func unreadReason(after limit: Duration) -> String {
        "not read within \(limit.chatDescription)"
    }
}
