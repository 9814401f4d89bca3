/// `irc.pacing`, `irc.reconnect` and `irc.keepalive`: positive numbers and durations in a sensible order.
extension IRCConfigReader {
    enum PacingKey: String, CodingKey, CaseIterable {
        case burst
        case linesPerSecond = "lines_per_second"
    }

    enum ReconnectKey: String, CodingKey, CaseIterable {
        case initialDelay = "initial_delay"
        case maxDelay = "max_delay"
    }

    enum KeepaliveKey: String, CodingKey, CaseIterable {
        case interval, timeout
    }

    static func pacing(_ pacing: ConfigReader<PacingKey>?, _ context: ConfigContext) -> SitrepConfig.Pacing {
        let defaults = SitrepConfig.Pacing()
        let burst = pacing?.int(.burst) ?? defaults.burst
        let rate = pacing?.double(.linesPerSecond) ?? defaults.linesPerSecond
        if burst < 1 {
            context.report("irc.pacing.burst", "must be at least 1, got \(burst)")
        }
        if !(rate > 0 && rate.isFinite) {
            context.report("irc.pacing.lines_per_second", "must be a number greater than 0, got \(rate)")
        }
        return SitrepConfig.Pacing(burst: burst, linesPerSecond: rate)
    }

    static func reconnect(_ reconnect: ConfigReader<ReconnectKey>?, _ context: ConfigContext)
        -> SitrepConfig.Reconnect
    {
        let defaults = SitrepConfig.Reconnect()
        let writtenInitial = reconnect?.duration(.initialDelay)
        let writtenMaximum = reconnect?.duration(.maxDelay)
        let initial = positive(writtenInitial ?? defaults.initialDelay, "irc.reconnect.initial_delay", context)
        let maximum = positive(writtenMaximum ?? defaults.maxDelay, "irc.reconnect.max_delay", context)
        if maximum < initial && !context.hasProblem(at: "irc.reconnect.max_delay") {
            context.report(
                "irc.reconnect.max_delay", "must be at least irc.reconnect.initial_delay (\(initial)), got \(maximum)")
        }
        return SitrepConfig.Reconnect(initialDelay: initial, maxDelay: maximum)
    }

    static func keepalive(_ keepalive: ConfigReader<KeepaliveKey>?, _ context: ConfigContext)
        -> SitrepConfig.Keepalive
    {
        let defaults = SitrepConfig.Keepalive()
        let interval = keepalive?.duration(.interval)
        let timeout = keepalive?.duration(.timeout)
        return SitrepConfig.Keepalive(
            interval: positive(interval ?? defaults.interval, "irc.keepalive.interval", context),
            timeout: positive(timeout ?? defaults.timeout, "irc.keepalive.timeout", context)
        )
    }

    private static func positive(_ duration: Duration, _ keyPath: String, _ context: ConfigContext) -> Duration {
        if duration <= .zero {
            context.report(keyPath, "must be greater than 0")
        }
        return duration
    }
}
