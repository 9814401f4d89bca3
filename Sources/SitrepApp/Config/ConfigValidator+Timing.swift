/// Pacing, reconnect backoff and keepalive: positive numbers and durations in a sensible order.
extension ConfigValidator {
    mutating func validatePacing(_ raw: RawPacing?) -> SitrepConfig.Pacing {
        let defaults = SitrepConfig.Pacing()
        let burst = raw?.burst ?? defaults.burst
        let rate = raw?.linesPerSecond ?? defaults.linesPerSecond
        if burst < 1 {
            report("irc.pacing.burst", "must be at least 1, got \(burst)")
        }
        if !(rate > 0 && rate.isFinite) {
            report("irc.pacing.lines_per_second", "must be a number greater than 0, got \(rate)")
        }
        return SitrepConfig.Pacing(burst: burst, linesPerSecond: rate)
    }

    mutating func validateReconnect(_ raw: RawReconnect?) -> SitrepConfig.Reconnect {
        let defaults = SitrepConfig.Reconnect()
        let initial = positive(raw?.initialDelay ?? defaults.initialDelay, "irc.reconnect.initial_delay")
        let maximum = positive(raw?.maxDelay ?? defaults.maxDelay, "irc.reconnect.max_delay")
        if maximum < initial && !hasProblem(at: "irc.reconnect.max_delay") {
            report(
                "irc.reconnect.max_delay",
                "must be at least irc.reconnect.initial_delay (\(initial)), got \(maximum)"
            )
        }
        return SitrepConfig.Reconnect(initialDelay: initial, maxDelay: maximum)
    }

    mutating func validateKeepalive(_ raw: RawKeepalive?) -> SitrepConfig.Keepalive {
        let defaults = SitrepConfig.Keepalive()
        return SitrepConfig.Keepalive(
            interval: positive(raw?.interval ?? defaults.interval, "irc.keepalive.interval"),
            timeout: positive(raw?.timeout ?? defaults.timeout, "irc.keepalive.timeout")
        )
    }

    private mutating func positive(_ duration: Duration, _ keyPath: String) -> Duration {
        if duration <= .zero {
            report(keyPath, "must be greater than 0")
        }
        return duration
    }
}
