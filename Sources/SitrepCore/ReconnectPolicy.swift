/// When to try a chat server again after a connection (attempt) ended, decided by what the server did.
///
/// The aim is to be back within a second of the server listening again, however long it was away, without
/// hammering a server that is up but does not want us:
/// - `refused`: the TCP connect was refused (or the host was unreachable, or the connect timed out). The server
///   spent nothing on it, so the next try comes after a short jittered interval (`refusedRetry`, 250–750 ms) for
///   as long as that lasts: an outage of 3 s or 3 minutes ends the same way. A refusal also shows the server was
///   down rather than rejecting us, so it ends a run of failures.
/// - `closed` before registering, or soon after it (within `stableAfter`) a second time in a row: the server is up
///   and does not keep us. Exponential backoff with jitter: the n-th failure in a row waits between half and all
///   of `min(maximum, initial · 2ⁿ⁻¹)`. The first loss of a registered connection is retried at once (an ircd
///   restart looks like that, and the next try is refused while it is down).
/// - Every wait after an accepted connection leaves at least `minimumSpacing` between attempt starts: at most one
///   attempt per second to a server that accepts.
/// - `throttled` ("Throttled", "reconnecting too fast") raises a floor under every later wait to `throttleFloor`,
///   doubling while it repeats, up to `banFloor`; `banned` (K-, G-, Z-line, 465) raises it to `banFloor`.
/// - A connection that stayed registered for `stableAfter` clears all of that.
///
/// A pure value: the caller says what happened and how long the attempt lasted; randomness is injected.
public struct ReconnectPolicy: Sendable {
    /// How a connection or connection attempt ended.
    public enum Ending: Sendable, Equatable {
        /// The TCP connection never came up: refused, unreachable, timed out.
        case refused
        /// The server accepted, then the connection closed; `registeredFor` is how long it was registered (nil: never).
        case closed(registeredFor: Duration?)
        /// The server said we reconnect too fast (ERROR "Throttled", "reconnecting too fast").
        case throttled
        /// The server banned us (K-, G- or Z-line, 465).
        case banned
    }

    /// The knobs; the defaults are what `sitrep` runs with.
    public struct Settings: Sendable, Equatable {
        public var refusedRetry: ClosedRange<Duration>
        public var initial: Duration
        public var maximum: Duration
        public var minimumSpacing: Duration
        public var stableAfter: Duration
        public var throttleFloor: Duration
        public var banFloor: Duration

        public init(
            refusedRetry: ClosedRange<Duration> = .milliseconds(250) ... .milliseconds(750),
            initial: Duration = .seconds(1), maximum: Duration = .seconds(60), minimumSpacing: Duration = .seconds(1),
            stableAfter: Duration = .seconds(30), throttleFloor: Duration = .seconds(30),
            banFloor: Duration = .seconds(300)
        ) {
            precondition(initial > .zero && maximum >= initial, "reconnect needs 0 < initial <= maximum")
            self.refusedRetry = refusedRetry
            self.initial = initial
            self.maximum = maximum
            self.minimumSpacing = minimumSpacing
            self.stableAfter = stableAfter
            self.throttleFloor = throttleFloor
            self.banFloor = banFloor
        }
    }

    public let settings: Settings
    /// Accepted-then-closed endings in a row (since the last stable connection).
    public private(set) var failures = 0
    /// The least time between attempt starts, raised by throttling and bans; zero until then.
    public private(set) var floor: Duration = .zero

    public init(settings: Settings = Settings()) {
        self.settings = settings
    }

    /// The wait before the next attempt, after an attempt that started `attemptLasted` ago ended as `ending`.
    public mutating func delay(
        after ending: Ending, attemptLasted: Duration, using generator: inout some RandomNumberGenerator
    ) -> Duration {
        let short = random(in: settings.refusedRetry, using: &generator)
        switch ending {
        case .refused:
            failures = 0
            return max(short, floorRemaining(attemptLasted))
        case .closed(let registeredFor?) where registeredFor >= settings.stableAfter:
            failures = 0
            floor = .zero
            return max(short, spacing(attemptLasted))
        case .closed(_?) where failures == 0:
            failures = 1
            return max(short, spacing(attemptLasted), floorRemaining(attemptLasted))
        case .closed:
            break
        case .throttled:
            floor = min(max(settings.throttleFloor, floor * 2), max(settings.banFloor, settings.throttleFloor))
        case .banned:
            floor = max(floor, settings.banFloor)
        }
        failures += 1
        let ceiling = backoffCeiling
        let jittered = random(in: (ceiling / 2)...ceiling, using: &generator)
        return max(jittered, spacing(attemptLasted), floorRemaining(attemptLasted))
    }

    /// The upper bound of the exponential part for the current run of failures: `initial · 2ⁿ⁻¹`, capped.
    public var backoffCeiling: Duration {
        var ceiling = settings.initial
        for _ in 1..<max(failures, 1) where ceiling < settings.maximum { ceiling = ceiling * 2 }
        return min(ceiling, settings.maximum)
    }

    /// What is left of `minimumSpacing` since the attempt started.
    private func spacing(_ attemptLasted: Duration) -> Duration {
        max(.zero, settings.minimumSpacing - attemptLasted)
    }

    /// What is left of the floor since the attempt started (the floor is kept between attempt starts).
    private func floorRemaining(_ attemptLasted: Duration) -> Duration {
        max(.zero, floor - attemptLasted)
    }

    private func random(in range: ClosedRange<Duration>, using generator: inout some RandomNumberGenerator)
        -> Duration
    {
        let low = range.lowerBound.nanosecondsClamped
        let high = max(low, range.upperBound.nanosecondsClamped)
        return .nanoseconds(Int64.random(in: low...high, using: &generator))
    }
}

extension ReconnectPolicy.Ending {
    /// Classifies the text of a server's ERROR (or 465) line: throttling, a ban, or an ordinary close.
    public static func fromServerError(_ text: String) -> Self {
        let lower = text.lowercased()
        let throttle = ["throttl", "too fast", "reconnecting too", "connecting too", "too many connections"]
        if throttle.contains(where: lower.contains) { return .throttled }
        let ban = ["k-lined", "g-lined", "z-lined", "k-line", "g-line", "z-line", "banned", "kline", "gline", "zline"]
        if ban.contains(where: lower.contains) { return .banned }
        return .closed(registeredFor: nil)
    }
}
