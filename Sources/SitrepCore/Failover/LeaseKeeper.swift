/// Decides, from what the store answered and the local clock, whether this instance is the active one and
/// until when it may act. Pure: the caller runs the store calls and the sleeps (see `nextAttempt(after:)`).
///
/// Safety rests on one rule: an instance acts only before `validUntil`, a local deadline computed from the time
/// the acquiring or renewing request *started*, minus `safetyMargin`. The store sets the expiry no earlier than
/// that start, so whenever this instance believes it is active, every other instance still sees the lease as
/// held (up to clock-rate drift, which the margin absorbs). A process paused past its deadline wakes up, sees
/// `now >= validUntil` on its first `tick`, and steps down before doing anything; the store's epoch check fences
/// whatever slips through.
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
    /// How often the active instance renews (a third of `ttl` gives two retries before it lapses).
    public let renewInterval: Duration
    /// How often a standby instance looks for a lapsed lease.
    public let pollInterval: Duration
    /// Subtracted from each local deadline, for clock-rate drift and scheduling delay.
    public let safetyMargin: Duration

    public private(set) var role: Role = .standby
    /// The last moment this instance may act under its current epoch (nil when standby).
    public private(set) var validUntil: Timestamp?

    public init(
        instance: String, ttl: Duration, renewInterval: Duration? = nil, pollInterval: Duration? = nil,
        safetyMargin: Duration? = nil
    ) {
        precondition(ttl > .zero, "a lease needs a positive ttl")
        self.instance = instance
        self.ttl = ttl
        self.renewInterval = renewInterval ?? ttl / 3
        self.pollInterval = pollInterval ?? ttl / 5
        self.safetyMargin = safetyMargin ?? min(ttl / 10, .seconds(1))
        precondition(self.renewInterval < ttl - self.safetyMargin, "renewal must come before the lease lapses")
    }

    /// The epoch under which this instance may act at `now`, or nil if it must not act.
    public func actingEpoch(at now: Timestamp) -> Int64? {
        guard case .active(let epoch) = role, let validUntil, now < validUntil else { return nil }
        return epoch
    }

    /// The store answered an acquire or renew request that started at `started`: `lease` is the row as it is now.
    public mutating func observe(_ lease: Lease, requestStartedAt started: Timestamp, now: Timestamp) -> Transition? {
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
    /// its deadline has passed.
    public mutating func requestFailed(now: Timestamp) -> Transition? {
        tick(now: now)
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

    /// When to talk to the store next, after an attempt that finished at `now`.
    public func nextAttempt(after now: Timestamp) -> Timestamp {
        switch role {
        case .active: now.adding(renewInterval)
        case .standby: now.adding(pollInterval)
        }
    }

    private mutating func expire(now: Timestamp) -> Transition? {
        guard case .active = role else { return nil }
        role = .standby
        validUntil = nil
        return .steppedDown(reason: .deadlinePassed)
    }
}
