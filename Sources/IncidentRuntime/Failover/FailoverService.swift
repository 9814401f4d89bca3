import Logging
import ServiceLifecycle
import SitrepCore
import Synchronization

/// One instance of an active/standby pair: asks the store for the lease every second or so, and again within a
/// fraction of a second when a request failed (`LeaseKeeper` decides what the answers mean and when to ask), runs the active services (chat, its bridge, the timers, the queued alerts) only while
/// this instance holds it; `LeaseHolder` keeps what it learns and is the `EffectFence` the coordinator asks.
///
/// Becoming active starts the active services from scratch, as a fresh start would: the bridge reloads the open
/// incidents, rejoins their channels, re-arms the timers from the store and marks the gap on every open timeline.
/// Losing the lease (taken by the other instance, a claim refused under an old epoch, or the local deadline
/// passing without a renewal) cancels the active services at once, which closes the chat connection, and ends
/// this service with `FailoverError.steppedDown`: the process exits and its supervisor starts it again as a
/// standby, with nothing carried over from the epoch it lost. A graceful shutdown stops the active services in
/// order and gives the lease back, so the standby takes over at once instead of after the lease's lifetime.
public final class FailoverService: Service, Sendable {
    private let holder: LeaseHolder
    private var instance: String { holder.instance }
    private var store: any LeaseStore & FencingStore { holder.store }
    private var clock: @Sendable () -> Timestamp { holder.clock }
    private let activeServices: [any Service]
    private let onActivate: @Sendable (_ epoch: Int64, _ previous: Lease?) async -> Void
    private let logger: Logger
    private let metrics: SitrepMetrics
    /// How often the loop wakes to look at the deadline and at step-down requests between store calls.
    private let wakeInterval: Duration

    /// - Parameters:
    ///   - activeServices: run, in order, only while active (a nested service group).
    ///   - onActivate: called when this instance became active under `epoch`, before the active services start;
    ///     `previous` is the lease as last seen before (another holder's, on a takeover).
    public init(
        holder: LeaseHolder, activeServices: [any Service], logger: Logger, metrics: SitrepMetrics = .disabled,
        wakeInterval: Duration = .milliseconds(100),
        onActivate: @escaping @Sendable (_ epoch: Int64, _ previous: Lease?) async -> Void = { _, _ in }
    ) {
        self.holder = holder
        self.activeServices = activeServices
        self.logger = logger
        self.metrics = metrics
        self.wakeInterval = wakeInterval
        self.onActivate = onActivate
    }

    // MARK: Service

    public func run() async throws {
        let shutdown = Mutex(false)
        try await withGracefulShutdownHandler {
            try await loop(shutdownRequested: { shutdown.withLock { $0 } })
        } onGracefulShutdown: {
            shutdown.withLock { $0 = true }
        }
    }

    private func loop(shutdownRequested: @Sendable () -> Bool) async throws {
        var active: ActiveServices?
        var nextAttempt = clock()
        logger.info("failover: standby, waiting for the lease", metadata: ["instance": "\(instance)"])
        while !shutdownRequested() && !Task.isCancelled {
            if let reason = holder.state.withLock({ $0.stepDown }) {
                try await stepDown(active, reason: reason)
            }
            if let active, let ended = active.endedOnItsOwn() {
                throw FailoverError.activeServicesStopped(reason: ended)
            }
            if case .steppedDown(let reason) = holder.state.withLock({ $0.keeper.tick(now: clock()) }) {
                try await stepDown(active, reason: reason)
            }
            if clock() >= nextAttempt {
                let (transition, previous) = await attempt()
                nextAttempt = holder.state.withLock { $0.keeper.nextAttempt(after: clock()) }
                switch transition {
                case .becameActive(let epoch):
                    active = await activate(epoch: epoch, previous: previous)
                case .steppedDown(let reason):
                    try await stepDown(active, reason: reason)
                case nil:
                    break
                }
            }
            try? await Task.sleep(for: wakeInterval)
        }
        await stop(active, gracefully: !Task.isCancelled)
    }

    /// One acquire-or-renew, bounded (`LeaseKeeper.requestTimeout`) so a store that hangs counts as a failed
    /// request, retried promptly, rather than holding the loop past the lease's deadline.
    private func attempt() async -> (LeaseKeeper.Transition?, previous: Lease?) {
        let started = clock()
        let timeout = holder.state.withLock { $0.keeper.requestTimeout(at: started) }
        let (store, instance, ttl) = (self.store, self.instance, holder.state.withLock { $0.keeper.ttl })
        let result = await Self.within(timeout) {
            try await store.acquireLease(holder: instance, ttl: ttl, now: started)
        }
        let now = clock()
        return holder.state.withLock { state in
            let previous = state.lastSeen
            switch result {
            case .success(let lease):
                state.lastSeen = lease
                return (state.keeper.observe(lease, requestStartedAt: started, now: now), previous)
            case .failure(let error):
                logger.warning("failover: the lease request failed", metadata: ["error": "\(error)"])
                return (state.keeper.requestFailed(now: now), previous)
            }
        }
    }

    private func activate(epoch: Int64, previous: Lease?) async -> ActiveServices {
        let tookOver = previous.map { $0.holder != instance } ?? false
        if tookOver { holder.state.withLock { $0.takeovers += 1 } }
        if tookOver { metrics.tookOver(instance: instance) }
        metrics.failover(instance: instance, isActive: true, epoch: epoch)
        logger.notice(
            "failover: active",
            metadata: ["instance": "\(instance)", "epoch": "\(epoch)", "previous": "\(previous?.holder ?? "none")"])
        await onActivate(epoch, previous)
        return ActiveServices.start(activeServices, logger: logger)
    }

    private func stepDown(_ active: ActiveServices?, reason: LeaseKeeper.StepDownReason) async throws {
        logger.critical("failover: stepping down, quitting chat", metadata: ["reason": "\(reason)"])
        metrics.failover(instance: instance, isActive: false, epoch: holder.state.withLock { $0.lastSeen?.epoch ?? 0 })
        await stop(active, gracefully: false)
        throw FailoverError.steppedDown(reason)
    }

    /// Stops the active services (in order when graceful) and, if this instance still holds the lease, gives
    /// it back so the other instance need not wait for it to lapse.
    private func stop(_ active: ActiveServices?, gracefully: Bool) async {
        await active?.stop(gracefully: gracefully)
        let held: Int64? = holder.state.withLock { state in
            guard case .active(let epoch) = state.keeper.role, state.stepDown == nil else { return nil }
            _ = state.keeper.release()
            return epoch
        }
        guard let epoch = held else { return }
        do {
            try await store.releaseLease(holder: instance, epoch: epoch)
            logger.info("failover: lease released", metadata: ["instance": "\(instance)", "epoch": "\(epoch)"])
        } catch {
            logger.warning("failover: could not release the lease", metadata: ["error": "\(error)"])
        }
        metrics.failover(instance: instance, isActive: false, epoch: epoch)
    }

    /// Runs `operation`, or fails with `FailoverTimeout` after `timeout` (the operation is left to finish on its
    /// own: a store call blocked on a dead host cannot always be interrupted).
    static func within<T: Sendable>(
        _ timeout: Duration, _ operation: @escaping @Sendable () async throws -> T
    ) async -> Result<T, any Error> {
        let once = Mutex(false)
        return await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, any Error>, Never>) in
            let finish: @Sendable (Result<T, any Error>) -> Void = { result in
                if once.withLock({ done in defer { done = true }; return !done }) { continuation.resume(returning: result) }
            }
            let work = Task {
                do { finish(.success(try await operation())) } catch { finish(.failure(error)) }
            }
            Task {
                try? await Task.sleep(for: timeout)
                finish(.failure(FailoverTimeout(after: timeout)))
                work.cancel()
            }
        }
    }
}

/// A store request of the failover loop took longer than it may.
struct FailoverTimeout: Error, CustomStringConvertible {
    let after: Duration
    var description: String { "the store did not answer within \(after)" }
}
