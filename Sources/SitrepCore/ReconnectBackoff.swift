/// How long to wait before the next connection attempt: exponential backoff with full jitter.
///
/// Attempt `n` (0-based) waits a uniformly random time in `[0, min(maximum, initial · 2ⁿ)]`, so the first retry
/// comes within `initial` and a crowd of clients does not reconnect in lockstep. `reset()` after a connection
/// that stayed up brings the next wait back to the first step. Randomness is injected so tests are exact.
public struct ReconnectBackoff: Sendable {
    public let initial: Duration
    public let maximum: Duration
    /// Failed attempts since the last reset.
    public private(set) var attempts = 0

    public init(initial: Duration = .seconds(1), maximum: Duration = .seconds(60)) {
        precondition(initial > .zero && maximum >= initial, "backoff needs 0 < initial <= maximum")
        self.initial = initial
        self.maximum = maximum
    }

    /// The upper bound of the wait before the next attempt.
    public var currentCeiling: Duration {
        var ceiling = initial
        var step = 0
        while step < attempts && ceiling < maximum {
            ceiling = ceiling * 2
            step += 1
        }
        return min(ceiling, maximum)
    }

    /// The wait before the next attempt; counts the attempt.
    public mutating func nextDelay(using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = currentCeiling
        attempts += 1
        let nanoseconds = ceiling.nanosecondsClamped
        return .nanoseconds(Int64.random(in: 0...nanoseconds, using: &generator))
    }

    /// Forget past failures: the next wait starts from `initial` again.
    public mutating func reset() {
        attempts = 0
    }
}

extension Duration {
    /// This duration in whole nanoseconds, clamped to `Int64`.
    public var nanosecondsClamped: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        let (sum, overflow2) = scaled.addingReportingOverflow(attoseconds / 1_000_000_000)
        if overflow2 { return seconds < 0 ? .min : .max }
        return sum
    }

    /// This duration in milliseconds, rounded down.
    public var milliseconds: Int64 { nanosecondsClamped / 1_000_000 }
}
