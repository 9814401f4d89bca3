/// The chat pages sent lately, by recipient, so that a network's "nobody by that name is here" answer (IRC's
/// 401 ERR_NOSUCHNICK) is traced to the page it refuses, and the escalation can move on at once when nobody of
/// a round was reached. Pure: time is passed in.
///
/// A round is what one escalation step (a tier, or a manual `!escalate`) paged for one incident. Each recipient
/// is matched once: the invitation that follows a page draws a second 401, which finds nothing.
public struct PageDeliveries: Sendable, Equatable {
    /// How long after sending a page an undeliverable answer is still put down to it.
    public static let answerWindow: Duration = .seconds(120)

    /// One recipient of a round.
    public struct Recipient: Sendable, Equatable {
        public var person: ChatIdentity
        /// The name the page went to, as the network compares names (`nameKey`).
        public var key: String
        /// The stored attempt (`PageAttempt.id`) of this page, when it was claimed.
        public var attemptID: String?
        public var failed = false

        public init(person: ChatIdentity, key: String, attemptID: String? = nil) {
            self.person = person
            self.key = key
            self.attemptID = attemptID
        }
    }

    /// What one escalation step paged for one incident.
    public struct Round: Sendable, Equatable {
        public var incidentID: Int64
        /// The escalation level paged (nil: a manual `!escalate <nick or team>`, outside the tiers).
        public var level: Int?
        public var sentAt: Timestamp
        public var recipients: [Recipient]
    }

    /// A page that could not be delivered.
    public struct Failure: Sendable, Equatable {
        public var incidentID: Int64
        public var person: ChatIdentity
        /// The stored attempt of the page, when it was claimed.
        public var attemptID: String?
        /// The escalation level of the round (nil outside the tiers).
        public var level: Int?
        /// Whether every recipient of the round has now failed: nobody was reached, so the next tier is due.
        public var nobodyReached: Bool

        public init(incidentID: Int64, person: ChatIdentity, attemptID: String?, level: Int?, nobodyReached: Bool) {
            self.incidentID = incidentID
            self.person = person
            self.attemptID = attemptID
            self.level = level
            self.nobodyReached = nobodyReached
        }
    }

    /// The latest round per incident.
    public private(set) var rounds: [Int64: Round] = [:]

    public init() {}

    /// A round of pages went out; it replaces the incident's previous round.
    public mutating func sent(
        incidentID: Int64, level: Int?, to recipients: [Recipient], at time: Timestamp
    ) {
        guard !recipients.isEmpty else { return }
        rounds[incidentID] = Round(incidentID: incidentID, level: level, sentAt: time, recipients: recipients)
    }

    /// The network answered that nobody by `key` is there: the page it belongs to, marked failed, or nil when
    /// no recent page went to that name (or it was already put down as failed).
    public mutating func undeliverable(key: String, at time: Timestamp) -> Failure? {
        let candidates = rounds.values
            .filter { $0.sentAt.duration(to: time) <= Self.answerWindow }
            .sorted { $0.sentAt > $1.sentAt }
        for round in candidates {
            guard let index = round.recipients.firstIndex(where: { $0.key == key && !$0.failed }) else { continue }
            var updated = round
            updated.recipients[index].failed = true
            rounds[round.incidentID] = updated
            return Failure(
                incidentID: round.incidentID, person: round.recipients[index].person,
                attemptID: round.recipients[index].attemptID, level: round.level,
                nobodyReached: updated.recipients.allSatisfy(\.failed))
        }
        return nil
    }

    /// Forgets an incident's rounds (it was acknowledged or closed).
    public mutating func forget(incidentID: Int64) {
        rounds[incidentID] = nil
    }
}
