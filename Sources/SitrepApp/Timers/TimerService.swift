import Logging
import ServiceLifecycle
import SitrepCore
import Synchronization

/// Runs the planned incident deadlines on the wall clock: sleeps until the earliest one, hands every due timer
/// to `fire`, and wakes early when a sooner timer is planned. Holds timers while the chat network is down, so a
/// reminder due during a disconnect goes out after the reconnect, once (the coordinator claims it in the store
/// before sending).
public final class TimerService: Service, Sendable {
    private struct State {
        var queue = DeadlineQueue()
        var connected = false
        /// Set by `ring` when nobody was waiting, so the next wait returns at once.
        var rung = false
        var waiter: CheckedContinuation<Void, Never>?
        var fire: (@Sendable (IncidentTimer, Timestamp) async -> Void)?
    }

    private let state = Mutex(State())
    private let clock: @Sendable () -> Timestamp
    private let logger: Logger

    /// - Parameter fire: called for each due timer with the time it is fired (the coordinator claims and
    ///   sends); may also be set later with `onFire`, when the handler is built after the service.
    public init(
        clock: @escaping @Sendable () -> Timestamp, logger: Logger,
        fire: (@Sendable (IncidentTimer, Timestamp) async -> Void)? = nil
    ) {
        self.clock = clock
        self.logger = logger
        state.withLock { $0.fire = fire }
    }

    /// Sets what happens to a due timer.
    public func onFire(_ fire: @escaping @Sendable (IncidentTimer, Timestamp) async -> Void) {
        state.withLock { $0.fire = fire }
    }

    /// Timers waiting.
    public var pendingCount: Int { state.withLock { $0.queue.count } }

    /// The pending timers of one incident, soonest first (for `/timers`).
    public func timers(of incidentID: Int64) -> [IncidentTimer] {
        state.withLock { $0.queue.timers(of: incidentID) }
    }

    /// Makes `timers` the pending timers of the incident.
    public func replace(incidentID: Int64, with timers: [IncidentTimer]) {
        state.withLock { $0.queue.replace(incidentID: incidentID, with: timers) }
        ring()
    }

    /// Loads many timers at once (at start).
    public func load(_ timers: [IncidentTimer]) {
        state.withLock { state in for timer in timers { state.queue.insert(timer) } }
        ring()
    }

    /// Whether the chat network is up; timers due while it is down wait for it.
    public func setConnected(_ connected: Bool) {
        state.withLock { $0.connected = connected }
        ring()
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let (due, wait) = self.nextStep()
                let fire = self.state.withLock { $0.fire }
                for timer in due { await fire?(timer, self.clock()) }
                if due.isEmpty { await self.wait(atMost: wait) }
            }
        }
    }

    /// The timers due now (when connected) and otherwise how long to wait (nil: until something changes).
    private func nextStep() -> ([IncidentTimer], Duration?) {
        let now = clock()
        return state.withLock { state in
            guard state.connected, let next = state.queue.peek() else { return ([], nil) }
            if next.due <= now { return (state.queue.popDue(now), nil) }
            return ([], now.duration(to: next.due))
        }
    }

    /// Wakes the run loop: the plan or the connection changed.
    private func ring() {
        let waiter = state.withLock { state in
            defer { state.waiter = nil }
            if state.waiter == nil { state.rung = true }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Waits for `duration` (forever when nil) or until rung, whichever comes first.
    private func wait(atMost duration: Duration?) async {
        await withTaskGroup(of: Void.self) { group in
            if let duration { group.addTask { try? await Task.sleep(for: duration) } }
            group.addTask { await self.waitForRing() }
            await group.next()
            group.cancelAll()
        }
    }

    private func waitForRing() async {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state in
                    if state.rung || Task.isCancelled {
                        state.rung = false
                        return true
                    }
                    state.waiter = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            let waiter = state.withLock { state in
                defer { state.waiter = nil }
                return state.waiter
            }
            waiter?.resume()
        }
    }
}
