import SitrepCore

/// The page attempts whose last try failed in a way that may pass (a busy mail relay, a 503), waiting (still
/// `queued`) for their next try, and how many tries each had: what a failure means for an attempt, which waiting
/// ones are due, and which to give up because their incident no longer pages. `DeliveryTries` decides each
/// attempt's next try; this keeps them all, for the dispatcher that sends and records.
public struct WaitingRetries: Sendable {
    /// An attempt waiting to be tried again.
    public struct Retry: Sendable, Equatable {
        public var attempt: PageAttempt
        public var at: Timestamp
        public var lastFailure: String
    }

    /// What taking an incident's waiting retries gave.
    public struct Taken: Sendable, Equatable {
        /// Attempts whose time has come, by id.
        public var due: [PageAttempt]
        /// Attempts given up because the incident no longer pages, with the reason to record.
        public var abandoned: [(attempt: PageAttempt, reason: String)]
        /// When the next waiting one of the incident is due.
        public var next: Timestamp?

        public init(
            due: [PageAttempt] = [], abandoned: [(attempt: PageAttempt, reason: String)] = [], next: Timestamp? = nil
        ) {
            self.due = due
            self.abandoned = abandoned
            self.next = next
        }

        public static func == (lhs: Taken, rhs: Taken) -> Bool {
            lhs.due == rhs.due && lhs.next == rhs.next
                && lhs.abandoned.map(\.attempt) == rhs.abandoned.map(\.attempt)
                && lhs.abandoned.map(\.reason) == rhs.abandoned.map(\.reason)
        }
    }

    /// The pauses between tries (`paging.retry_delays`).
    public let delays: [Duration]
    private var waiting: [String: Retry] = [:]
    private var tries: [String: DeliveryTries] = [:]

    public init(delays: [Duration]) {
        self.delays = delays
    }

    /// The attempts waiting, by id.
    public var waitingIDs: Set<String> { Set(waiting.keys) }

    /// A try of `attempt` failed at `now`: it waits for its next try, or has failed for good (the decision says
    /// which); the tries so far come with it, for the store.
    public mutating func failed(
        _ attempt: PageAttempt, reason: String, retryable: Bool, at now: Timestamp
    ) -> (DeliveryTries.Decision, DeliveryTries) {
        var attemptTries = tries[attempt.id] ?? DeliveryTries(delays: delays)
        let decision = attemptTries.failed(reason: reason, retryable: retryable, at: now)
        switch decision {
        case .retry(let at):
            tries[attempt.id] = attemptTries
            waiting[attempt.id] = Retry(attempt: attempt, at: at, lastFailure: reason)
        case .fail:
            tries[attempt.id] = nil
        }
        return (decision, attemptTries)
    }

    /// A try of `attemptID` went through: nothing of it waits or is counted any more.
    public mutating func delivered(_ attemptID: String) {
        tries[attemptID] = nil
        waiting[attemptID] = nil
    }

    /// After a restart: `attempt`, stored as waiting for a retry after `failedTries` tries, waits here again and
    /// counts on from there. Returns when it is due.
    @discardableResult
    public mutating func resume(_ attempt: PageAttempt, now: Timestamp) -> Timestamp {
        let at = attempt.retryAt ?? now
        waiting[attempt.id] = Retry(attempt: attempt, at: at, lastFailure: attempt.reason ?? "an earlier try failed")
        tries[attempt.id] = DeliveryTries(delays: delays, count: attempt.failedTries, firstFailedAt: attempt.firstFailedAt)
        return at
    }

    /// Takes the waiting retries of `incidentID` that are due at `now`; while the incident no longer pages
    /// (acknowledged, resolved) every one of them is given up instead.
    public mutating func take(of incidentID: Int64, isPaging: Bool, now: Timestamp) -> Taken {
        var taken = Taken()
        for retry in waiting.values where retry.attempt.incidentID == incidentID {
            if !isPaging {
                waiting[retry.attempt.id] = nil
                let reason = (tries[retry.attempt.id] ?? DeliveryTries(delays: delays)).abandoned(
                    reason: "not tried again: the incident no longer pages", lastFailure: retry.lastFailure)
                tries[retry.attempt.id] = nil
                taken.abandoned.append((retry.attempt, reason))
            } else if retry.at <= now {
                waiting[retry.attempt.id] = nil
                taken.due.append(retry.attempt)
            } else {
                taken.next = taken.next.map { min($0, retry.at) } ?? retry.at
            }
        }
        taken.due.sort { $0.id < $1.id }
        taken.abandoned.sort { $0.attempt.id < $1.attempt.id }
        return taken
    }
}
