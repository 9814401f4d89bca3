import Logging
import ServiceLifecycle
import SitrepCore
import Synchronization

/// Runs the planned incident deadlines on the wall clock: sleeps until the earliest one, hands every due timer
/// to `fire`, and wakes early when a sooner timer is planned. Holds a due timer while its incident's chat network
/// is down, so a reminder due during a disconnect goes out after the reconnect, once (the coordinator claims it in
/// the store before sending); timers of incidents on another network, still connected, go out meanwhile.
public final class TimerService: Service, Sendable {
    fileprivate struct State {
        var queue = DeadlineQueue()
        /// The networks that are up.
        var connected: Set<String> = []
        /// The network each incident's channel is on, where known; a timer of an incident not listed waits for
        /// any network.
        var networks: [Int64: String] = [:]
        /// Due timers waiting for their network to come back.
        var held: [IncidentTimer.ID: IncidentTimer] = [:]
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

    /// Timers waiting (planned, or due and held for their network).
    public var pendingCount: Int { state.withLock { $0.queue.count + $0.held.count } }

    /// The pending timers of one incident, soonest first (for `/timers`).
    public func timers(of incidentID: Int64) -> [IncidentTimer] {
        state.withLock { state in
            let held = state.held.values.filter { $0.id.incidentID == incidentID }
            return (held + state.queue.timers(of: incidentID)).sorted { $0.due < $1.due }
        }
    }

    /// Makes `timers` the pending timers of the incident, whose channel is on `network` (nil: unknown); an incident
    /// left without timers (closed) is forgotten.
    public func replace(incidentID: Int64, with timers: [IncidentTimer], network: String? = nil) {
        state.withLock { state in
            state.queue.replace(incidentID: incidentID, with: timers)
            state.held = state.held.filter { $0.value.id.incidentID != incidentID }
            if timers.isEmpty {
                state.networks[incidentID] = nil
            } else if let network {
                state.networks[incidentID] = network
            }
        }
        ring()
    }

    /// Loads many timers at once (at start), with the network of each incident's channel where known.
    public func load(_ timers: [IncidentTimer], networks: [Int64: String] = [:]) {
        state.withLock { state in
            for timer in timers { state.queue.insert(timer) }
            state.networks.merge(networks) { _, new in new }
        }
        ring()
    }

    /// Whether `network` is up; timers of its incidents that fall due while it is down wait for it.
    public func setConnected(_ connected: Bool, network: String = "irc") {
        state.withLock { state in
            if connected {
                state.connected.insert(network)
                let released = state.held.values.filter { state.isConnected(for: $0) }
                for timer in released {
                    state.held[timer.id] = nil
                    state.queue.insert(timer)
                }
            } else {
                state.connected.remove(network)
            }
        }
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

    /// The timers due now whose network is up (the others are held for it) and otherwise how long to wait
    /// (nil: until something changes).
    private func nextStep() -> ([IncidentTimer], Duration?) {
        let now = clock()
        return state.withLock { state in
            guard !state.connected.isEmpty, let next = state.queue.peek() else { return ([], nil) }
            guard next.due <= now else { return ([], now.duration(to: next.due)) }
            var due: [IncidentTimer] = []
            for timer in state.queue.popDue(now) {
                if state.isConnected(for: timer) { due.append(timer) } else { state.held[timer.id] = timer }
            }
            return (due, nil)
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

extension TimerService.State {
    /// Whether the network of the timer's incident is up (any network, when it is not known).
    fileprivate func isConnected(for timer: IncidentTimer) -> Bool {
        guard let network = networks[timer.id.incidentID] else { return !connected.isEmpty }
        return connected.contains(network)
    }
}
