/// The keepalive rule: after `interval` of silence send a PING with a fresh token; when it is not answered
/// within `timeout`, the connection is dead. Any line from the server counts as a sign of life, and a PONG
/// with our token answers the PING.
struct Keepalive<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    enum Decision: Equatable {
        case wait
        case sendPing(token: String)
        case timedOut(lag: Duration)
    }

    let interval: Duration
    let timeout: Duration
    private(set) var lastHeard: Instant?
    private(set) var pendingToken: String?
    private(set) var pingSentAt: Instant?
    private var counter = 0
    /// Round trip of the last answered keepalive PING.
    private(set) var lastLag: Duration?

    init(interval: Duration, timeout: Duration) {
        self.interval = interval
        self.timeout = timeout
    }

    mutating func reset(now: Instant) {
        lastHeard = now
        pendingToken = nil
        pingSentAt = nil
    }

    mutating func heard(now: Instant) {
        lastHeard = now
    }

    /// A PONG arrived; returns true when it answered our outstanding PING.
    mutating func pongReceived(token: String?, now: Instant) -> Bool {
        guard let pendingToken, token == pendingToken, let pingSentAt else { return false }
        lastLag = pingSentAt.duration(to: now)
        self.pendingToken = nil
        self.pingSentAt = nil
        return true
    }

    mutating func check(now: Instant) -> Decision {
        if let pingSentAt {
            let waited = pingSentAt.duration(to: now)
            return waited >= timeout ? .timedOut(lag: waited) : .wait
        }
        guard let lastHeard, lastHeard.duration(to: now) >= interval else { return .wait }
        counter += 1
        let token = "sitrep-keepalive-\(counter)"
        pendingToken = token
        pingSentAt = now
        return .sendPing(token: token)
    }

    /// When `check` should run next.
    var nextDeadline: Instant {
        if let pingSentAt { return pingSentAt.advanced(by: timeout) }
        guard let lastHeard else { preconditionFailure("keepalive used before reset") }
        return lastHeard.advanced(by: interval)
    }
}
