/// Decides, from what the store answered and the local clock, whether this instance is the active one and
/// until when it may act. Pure: the caller runs the store calls and the sleeps (see `nextAttempt(after:)`).
///
/// Safety rests on one rule: an instance acts only before `validUntil`, a local deadline computed from the time
/// the acquiring or renewing request *started*, minus `safetyMargin`. The store sets the expiry no earlier than
/// that start, so whenever this instance believes it is active, every other instance still sees the lease as
/// held (up to clock-rate drift, which the margin absorbs). A process paused past its deadline wakes up, sees
/// `now >= validUntil` on its first `tick`, and steps down before doing anything; the store's epoch check fences
/// whatever slips through.
///
/// A failed renewal (the store switching to a promoted standby, say) is retried promptly, with a short backoff
/// (`retryDelay`), and each try is bounded by the time left before the deadline (`requestTimeout`), so the
/// instance keeps its lease through any store outage shorter than `ttl - renewInterval - safetyMargin` (4.4 s
/// with the default 6 s lease) and steps down only once its deadline has actually passed.
public struct LeaseKeeper: Sendable {
    /// Whether this instance may act, and under which epoch.
    public enum Role: Sendable, Equatable {
        case standby
        case active(epoch: Int64)
    }

    /// A change of role that the caller must carry out (connect to chat and arm timers, or quit at once).
    public enum Transition: Sendable, Equatable {
        case becameActive(epoch: Int64)
        case steppedDown(reason: StepDownReason)
    }

    /// Why an active instance stopped acting.
    public enum StepDownReason: Sendable, Equatable, CustomStringConvertible {
        /// Another instance holds the lease now.
        case leaseTaken(by: String, epoch: Int64)
        /// The local deadline passed without a successful renewal (store unreachable, or the process was paused).
        case deadlinePassed
        /// Shutting down: the lease was given back.
        case released

        public var description: String {
            switch self {
            case .leaseTaken(let holder, let epoch): "the lease moved to \(holder) (epoch \(epoch))"
            case .deadlinePassed: "the lease could not be renewed before it lapsed"
            case .released: "the lease was released"
            }
        }
    }

    /// This instance's id, as stored in `Lease.holder`.
    public let instance: String
    /// How long a lease lasts after each successful acquire or renewal.
    public let ttl: Duration
    /// How often the active instance renews while the store answers (a sixth of `ttl`: the lease is then always
    /// at least `ttl - renewInterval` ahead, which is what an outage of the store may use up).
    public let renewInterval: Duration
    /// The first pause before retrying a failed renewal; it doubles with each failure up to `maximumRetryDelay`.
    public let retryDelay: Duration
    /// The longest pause between two tries of a failing renewal.
    public let maximumRetryDelay: Duration
    /// How often a standby instance looks for a lapsed lease.
    public let pollInterval: Duration
    /// Subtracted from each local deadline, for clock-rate drift and scheduling delay.
    public let safetyMargin: Duration

    public private(set) var role: Role = .standby
    /// The last moment this instance may act under its current epoch (nil when standby).
    public private(set) var validUntil: Timestamp?
    /// Renewals failed in a row since the last answer from the store.
    public private(set) var consecutiveFailures = 0

    public init(
        instance: String, ttl: Duration, renewInterval: Duration? = nil, pollInterval: Duration? = nil,
        safetyMargin: Duration? = nil
    ) {
        precondition(ttl > .zero, "a lease needs a positive ttl")
        self.instance = instance
        self.ttl = ttl
        self.renewInterval = renewInterval ?? ttl / 6
        self.pollInterval = pollInterval ?? ttl / 5
        self.safetyMargin = safetyMargin ?? min(ttl / 10, .seconds(1))
        self.maximumRetryDelay = min(self.renewInterval / 2, .milliseconds(400))
        self.retryDelay = min(self.maximumRetryDelay, .milliseconds(100))
        precondition(self.renewInterval < ttl - self.safetyMargin, "renewal must come before the lease lapses")
    }

    /// The epoch under which this instance may act at `now`, or nil if it must not act.
    public func actingEpoch(at now: Timestamp) -> Int64? {
        guard case .active(let epoch) = role, let validUntil, now < validUntil else { return nil }
        return epoch
    }

    /// The store answered an acquire or renew request that started at `started`: `lease` is the row as it is now.
    public mutating func observe(_ lease: Lease, requestStartedAt started: Timestamp, now: Timestamp) -> Transition? {
        consecutiveFailures = 0
        if lease.holder == instance {
            let deadline = min(started.adding(ttl - safetyMargin), lease.expiresAt.adding(.zero - safetyMargin))
            guard now < deadline else {
                // The answer came back too late to be of use: act as if the renewal failed.
                return expire(now: now)
            }
            validUntil = deadline
            if case .active(let epoch) = role, epoch == lease.epoch { return nil }
            // A new epoch while active means someone else held the lease in between: nothing decided under the
            // old epoch may be carried on, so the change is reported as a fresh start.
            role = .active(epoch: lease.epoch)
            return .becameActive(epoch: lease.epoch)
        }
        guard case .active = role else { return nil }
        role = .standby
        validUntil = nil
        return .steppedDown(reason: .leaseTaken(by: lease.holder, epoch: lease.epoch))
    }

    /// A request to the store failed (unreachable, timed out). Standby stays standby; active steps down only once
    /// its deadline has passed, and until then retries promptly (see `nextAttempt(after:)`).
    public mutating func requestFailed(now: Timestamp) -> Transition? {
        consecutiveFailures += 1
        return tick(now: now)
    }

    /// Called on every wake-up before acting: steps down if the deadline passed.
    public mutating func tick(now: Timestamp) -> Transition? {
        guard case .active = role, let validUntil, now >= validUntil else { return nil }
        return expire(now: now)
    }

    /// Shutdown: this instance gives the lease up (the caller deletes or expires the row).
    public mutating func release() -> Transition? {
        guard case .active = role else { return nil }
        role = .standby
        validUntil = nil
        return .steppedDown(reason: .released)
    }

    /// When to talk to the store next, after an attempt that finished at `now`: after `renewInterval` when the
    /// last renewal succeeded, after a short backoff when it failed (never later than the deadline itself).
    public func nextAttempt(after now: Timestamp) -> Timestamp {
        switch role {
        case .active where consecutiveFailures > 0:
            var delay = retryDelay
            for _ in 1..<min(consecutiveFailures, 8) { delay = min(delay * 2, maximumRetryDelay) }
            let next = now.adding(delay)
            return validUntil.map { min(next, $0) } ?? next
        case .active: return now.adding(renewInterval)
        case .standby: return now.adding(pollInterval)
        }
    }

    /// How long a request that starts at `now` may take before it counts as failed: a standby's poll gets
    /// `renewInterval`; an active instance's renewal gets the same but never past its deadline, so a store that
    /// hangs (a connection to a host that died) costs one try, not the lease, and the next try starts in time.
    public func requestTimeout(at now: Timestamp) -> Duration {
        guard case .active = role, let validUntil else { return renewInterval }
        let left = now.duration(to: validUntil)
        return max(min(renewInterval, left), .milliseconds(1))
    }

    private mutating func expire(now: Timestamp) -> Transition? {
        guard case .active = role else { return nil }
        role = .standby
        validUntil = nil
        return .steppedDown(reason: .deadlinePassed)
    }
}
