import IRC
import SitrepCore

/// What happened during one connection attempt, for the reconnect policy: whether the server accepted the TCP
/// connection, when we registered, and what the server said when it closed the link.
struct ConnectionAttempt<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    let startedAt: Instant
    /// Set once the TCP connection is up (TLS and registration come after).
    private(set) var acceptedAt: Instant?
    private(set) var registeredAt: Instant?
    /// Throttling or a ban the server announced (ERROR text, 465) before closing.
    private(set) var verdict: ReconnectPolicy.Ending?

    init(startedAt: Instant) {
        self.startedAt = startedAt
    }

    mutating func accepted(at instant: Instant) { acceptedAt = acceptedAt ?? instant }

    mutating func registered(at instant: Instant) { registeredAt = registeredAt ?? instant }

    /// Notes a server line that says why we are being let go: 465 (banned) or ERROR (throttled, K-lined…).
    mutating func heard(_ message: IRCMessage) {
        switch message.command {
        case "465":
            verdict = .banned
        case "ERROR":
            let ending = ReconnectPolicy.Ending.fromServerError(message.parameters.last ?? "")
            if ending != .closed(registeredFor: nil) { verdict = ending }
        default:
            return
        }
    }

    /// How the attempt ended, at `now`, given the error that ended it (nil: closed without one).
    func ending(at now: Instant, error: (any Error)?) -> ReconnectPolicy.Ending {
        if let verdict { return verdict }
        guard acceptedAt != nil else {
            // A local problem (a TLS file that cannot be read) is not the server refusing: back off from it.
            if error is IRCClientError { return .closed(registeredFor: nil) }
            return .refused
        }
        return .closed(registeredFor: registeredAt.map { $0.duration(to: now) })
    }

    /// How long the attempt has lasted at `now`: since the server accepted it, when it did (the spacing a server
    /// sees is between the connections it accepts), otherwise since it started.
    func lasted(at now: Instant) -> Duration { (acceptedAt ?? startedAt).duration(to: now) }
}
