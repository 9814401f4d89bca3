/// Outbound pacing: a token bucket that allows a burst of lines, then a steady rate.
///
/// Implemented as the generic cell rate algorithm: each line moves a "theoretical arrival time" one emission
/// interval forward, and a line may go when that time is no more than `burst` intervals ahead of now. This is a
/// token bucket of `burst` tokens refilled at `ratePerSecond`, computed exactly with `Duration` arithmetic.
/// Time is passed in, so the rule is tested without a clock.
public struct TokenBucket<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    public let burst: Int
    public let ratePerSecond: Double
    /// Time one token takes to refill.
    public let emissionInterval: Duration
    private var theoreticalArrival: Instant

    public init(burst: Int, ratePerSecond: Double, now: Instant) {
        precondition(burst >= 1 && ratePerSecond > 0, "pacing needs burst >= 1 and a positive rate")
        self.burst = burst
        self.ratePerSecond = ratePerSecond
        self.emissionInterval = .nanoseconds(Int64((1e9 / ratePerSecond).rounded()))
        self.theoreticalArrival = now
    }

    /// Whole tokens available now.
    public func available(now: Instant) -> Int {
        let ahead = max(.zero, now.duration(to: theoreticalArrival))
        let used = Int((ahead.nanosecondsClamped + emissionInterval.nanosecondsClamped - 1) / emissionInterval.nanosecondsClamped)
        return max(0, burst - used)
    }

    /// Takes a token if one is available; returns whether the line may be sent now.
    public mutating func tryTake(now: Instant) -> Bool {
        guard delayUntilNextToken(now: now) == .zero else { return false }
        theoreticalArrival = max(theoreticalArrival, now).advanced(by: emissionInterval)
        return true
    }

    /// How long until every token is back (zero when the bucket is full).
    public func delayUntilFull(now: Instant) -> Duration {
        max(.zero, now.duration(to: theoreticalArrival))
    }

    /// Takes `count` tokens at once (at most the burst), for a line that costs more than one; call it when the
    /// bucket is full, so the cost never goes beyond what the burst allows.
    public mutating func take(_ count: Int, now: Instant) {
        theoreticalArrival = max(theoreticalArrival, now).advanced(by: emissionInterval * min(max(count, 1), burst))
    }

    /// How long until a token is available (zero when one is available now).
    public func delayUntilNextToken(now: Instant) -> Duration {
        let next = max(theoreticalArrival, now).advanced(by: emissionInterval)
        let allowedAhead = emissionInterval * burst
        let ahead = now.duration(to: next)
        return ahead <= allowedAhead ? .zero : ahead - allowedAhead
    }
}
