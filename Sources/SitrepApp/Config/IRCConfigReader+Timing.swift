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
        let (initial, maximum) = context.positiveDurations(
            (reconnect?.duration(.initialDelay), reconnect?.duration(.maxDelay)),
            or: (defaults.initialDelay, defaults.maxDelay), ("irc.reconnect.initial_delay", "irc.reconnect.max_delay"),
            ordered: true)
        return SitrepConfig.Reconnect(initialDelay: initial, maxDelay: maximum)
    }

    static func keepalive(_ keepalive: ConfigReader<KeepaliveKey>?, _ context: ConfigContext)
        -> SitrepConfig.Keepalive
    {
        let defaults = SitrepConfig.Keepalive()
        let (interval, timeout) = context.positiveDurations(
            (keepalive?.duration(.interval), keepalive?.duration(.timeout)),
            or: (defaults.interval, defaults.timeout), ("irc.keepalive.interval", "irc.keepalive.timeout"))
        return SitrepConfig.Keepalive(interval: interval, timeout: timeout)
    }
}
