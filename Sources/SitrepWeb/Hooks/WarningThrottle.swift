import Synchronization

/// Lets one warning of a kind through per interval and counts the ones held back, so a flood of refused hook
/// calls costs one log line per interval, not one per call. Pure, with time passed in.
struct WarningThrottle<Instant: InstantProtocol<Duration>> {
    /// Whether to log now.
    enum Decision: Equatable {
        /// Log, saying how many were held back since the last warning logged.
        case log(heldBack: Int)
        /// Count it, do not log.
        case holdBack
    }

    let interval: Duration
    private var lastLogged: Instant?
    private var heldBack = 0

    init(interval: Duration) {
        self.interval = interval
    }

    mutating func warning(at now: Instant) -> Decision {
        if let lastLogged, now < lastLogged.advanced(by: interval) {
            heldBack += 1
            return .holdBack
        }
        let count = heldBack
        heldBack = 0
        lastLogged = now
        return .log(heldBack: count)
    }
}

/// A `WarningThrottle` on the real clock, shared by concurrent requests.
final class SharedWarningThrottle: Sendable {
    private let throttle: Mutex<WarningThrottle<ContinuousClock.Instant>>

    init(interval: Duration) {
        throttle = Mutex(WarningThrottle(interval: interval))
    }

    /// Whether to log a warning now, and how many were held back since the last.
    func warning() -> WarningThrottle<ContinuousClock.Instant>.Decision {
        throttle.withLock { $0.warning(at: .now) }
    }
}
