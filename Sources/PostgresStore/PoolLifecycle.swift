import StoreKit

/// The connector's state as a plain value: which pool operations get, who waits for one, and what a lost host,
/// a selected host or a failed selection changes. `PostgresConnector` runs the I/O and resumes the waiters this
/// returns; generic over the pool and the waiter so the rules are tested without a server.
///
/// Each pool gets a generation number, so a report that an old pool's host went away (from an operation that
/// started before the swap) changes nothing.
struct PoolLifecycle<Client, Waiter> {
    /// An operation waiting for a pool; `deadline` is nil while the store first connects (it waits for the
    /// outcome of that one selection), set while selecting again (which retries until a host appears).
    struct Pending {
        var waiter: Waiter
        var deadline: ContinuousClock.Instant?
    }

    private enum State {
        case connecting([Pending])
        case ready(Client, generation: Int)
        case reselecting([Pending])
        case failed(StoreError)
        case closed
    }

    /// What `clientRequested` decided.
    enum Lease {
        case ready(Client, generation: Int)
        /// The waiter was queued; it is resumed by a later transition.
        case wait
        case fail(StoreError)
    }

    private var state = State.connecting([])
    private var lastGeneration = 0
    /// How long an operation waits for a new host while selecting again.
    let failoverTimeout: Duration

    init(failoverTimeout: Duration) {
        self.failoverTimeout = failoverTimeout
    }

    /// The serving pool, if one serves now.
    var current: (client: Client, generation: Int)? {
        if case .ready(let client, let generation) = state { return (client, generation) }
        return nil
    }

    var isClosed: Bool {
        if case .closed = state { return true }
        return false
    }

    /// An operation wants a pool at `now`.
    mutating func clientRequested(_ waiter: Waiter, now: ContinuousClock.Instant) -> Lease {
        switch state {
        case .ready(let client, let generation): return .ready(client, generation: generation)
        case .connecting(var pending):
            pending.append(Pending(waiter: waiter, deadline: nil))
            state = .connecting(pending)
        case .reselecting(var pending):
            pending.append(Pending(waiter: waiter, deadline: now + failoverTimeout))
            state = .reselecting(pending)
        case .failed(let error): return .fail(error)
        case .closed: return .fail(.closed)
        }
        return .wait
    }

    /// A writable host's pool is prepared: it serves from now on. Returns its generation and the waiters to give
    /// it to (none when the store was closed meanwhile).
    mutating func poolReady(_ client: Client) -> (generation: Int, waiters: [Waiter]) {
        lastGeneration += 1
        switch state {
        case .connecting(let pending), .reselecting(let pending):
            state = .ready(client, generation: lastGeneration)
            return (lastGeneration, pending.map(\.waiter))
        case .ready, .failed:
            state = .ready(client, generation: lastGeneration)
            return (lastGeneration, [])
        case .closed:
            return (lastGeneration, [])
        }
    }

    /// Selecting (or preparing) failed at `now` with `error`. While first connecting the store fails for good and
    /// every waiter gets the error (`retry` false); while selecting again only the waiters past their deadline
    /// do, and the connector tries again (`retry` true).
    mutating func selectionFailed(_ error: StoreError, now: ContinuousClock.Instant)
        -> (expired: [Waiter], retry: Bool)
    {
        switch state {
        case .connecting(let pending):
            state = .failed(error)
            return (pending.map(\.waiter), false)
        case .reselecting(let pending):
            let expired = pending.filter { $0.deadline.map { $0 <= now } ?? false }
            state = .reselecting(pending.filter { $0.deadline.map { $0 > now } ?? true })
            return (expired.map(\.waiter), true)
        case .ready, .failed, .closed:
            return ([], false)
        }
    }

    /// An operation or the watch found the host of pool `generation` gone; true when that pool was serving and
    /// selection must run again (false for a report about an older pool, or a second report about this one).
    mutating func hostLost(generation: Int) -> Bool {
        guard case .ready(_, let current) = state, current == generation else { return false }
        state = .reselecting([])
        return true
    }

    /// The store closes: every waiter fails with `.closed`, and so does every later request.
    mutating func closed() -> [Waiter] {
        defer { state = .closed }
        switch state {
        case .connecting(let pending), .reselecting(let pending): return pending.map(\.waiter)
        case .ready, .failed, .closed: return []
        }
    }
}
