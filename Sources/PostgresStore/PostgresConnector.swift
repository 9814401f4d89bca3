import Logging
import PostgresNIO
import Synchronization
import StoreKit

/// Owns the store's connection pool while the store is open: picks the writable host, runs a pool for it,
/// prepares the schema, hands the pool to operations, and when that host goes away finds the next writable one.
///
/// The pool's `run()` runs in a task this type starts when the store opens and cancels when it closes (the store
/// is not a service of the app's group, because it must be usable, migrations included, before the group starts
/// and by the offline commands). Operations that arrive while it first connects wait; if no host can be used
/// they fail with the reason for each host.
///
/// Failover: the host counts as gone when a connection of its own to it (the watch) closes, or when an operation
/// fails in a way `HostFailure` recognises (connection refused or closed, server shutdown, read-only). Then
/// selection runs again, with a bounded backoff and one log line per attempt, until a writable host appears (the
/// standby, once the operator or a tool promotes it); its pool replaces the old one. Operations arriving
/// meanwhile wait up to `failoverTimeout`; `run` repeats an interrupted operation on the new pool when
/// `HostFailure` says that is safe.
final class PostgresConnector: Sendable {
    private typealias Waiter = CheckedContinuation<(client: PostgresClient, generation: Int), any Error>

    /// How often `run` repeats one operation after a lost host before it gives up.
    private static let maximumRetries = 5

    private let lifecycle: Mutex<PoolLifecycle<PostgresClient, Waiter>>
    private let runner = Mutex<Task<Void, Never>?>(nil)
    /// Generations whose host was reported lost, for the supervisor.
    private let losses: AsyncStream<Int>.Continuation
    private let inFlight = InFlightOperations()
    private let logger: Logger

    /// Starts connecting at once; `prepare` runs on each new pool before any operation gets it (the migrations).
    init(
        configuration: PostgresStoreConfiguration, logger: Logger,
        prepare: @escaping @Sendable (PostgresClient) async throws -> Void
    ) {
        lifecycle = Mutex(PoolLifecycle(failoverTimeout: configuration.failoverTimeout))
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        losses = continuation
        self.logger = logger
        let task = Task { [self] in
            await self.supervise(configuration: configuration, prepare: prepare, losses: stream)
        }
        runner.withLock { $0 = task }
    }

    /// The ready pool; waits while connecting, throws if connecting failed or the store is closed.
    func client() async throws -> PostgresClient {
        try await pool().client
    }

    /// Runs `body` on the current host's pool. When it fails because that host went away, selection runs again
    /// and `body` runs again on the next host's pool if that is safe (see `HostFailure`): always for a read
    /// (`isRead`), for a write only when it certainly did not commit. A write whose commit outcome is unknown
    /// throws `StoreError.commitOutcomeUnknown` and its caller decides. Errors become `StoreError`s
    /// naming `operation`. `body` runs in a task of its own, given up if it is still waiting when its pool is
    /// gone (see `InFlightOperations`).
    ///
    /// An `idempotent` write (one whose repeat changes nothing once it has committed: a timeline write carrying
    /// its token, a lease renewal) is repeated on the next host whatever happened to its commit, so its caller
    /// never sees `commitOutcomeUnknown`.
    func run<T: Sendable>(
        _ operation: String, isRead: Bool, idempotent: Bool = false,
        _ body: @escaping @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        try await retrying(operation, isRead: isRead, idempotent: idempotent) { client, generation in
            try await inFlight.run(generation: generation) { try await body(client) }
        }
    }

    /// `run` for a `body` that cannot escape (it calls the caller's non-escaping closures): it runs in the caller's
    /// task, so it cannot be given up and may wait for good if its connection closes under it.
    func runInPlace<T: Sendable>(
        _ operation: String, isRead: Bool, _ body: (PostgresClient) async throws -> T
    ) async throws -> T {
        try await retrying(operation, isRead: isRead) { client, _ in try await body(client) }
    }

    private func retrying<T: Sendable>(
        _ operation: String, isRead: Bool, idempotent: Bool = false, _ attempt: (PostgresClient, Int) async throws -> T
    ) async throws -> T {
        var retries = 0
        while true {
            let pool: (client: PostgresClient, generation: Int)
            do {
                pool = try await self.pool()
            } catch {
                throw StoreError.wrap(error, operation: operation)
            }
            do {
                return try await attempt(pool.client, pool.generation)
            } catch {
                // A caller that gave up (a lease request past its timeout) cancels its own request to the pool:
                // that says nothing about the host, which must not be dropped for it.
                let closed = lifecycle.withLock { $0.isClosed } || Task.isCancelled
                switch closed ? .unrelated : HostFailure(error, isRead: isRead || idempotent) {
                case .unrelated:
                    throw StoreError.wrap(error, operation: operation)
                case .outcomeUnknown(let reason):
                    hostLost(generation: pool.generation, reason: reason)
                    throw StoreError.commitOutcomeUnknown(operation: operation, reason: reason)
                case .retry(let reason):
                    hostLost(generation: pool.generation, reason: reason)
                    retries += 1
                    guard retries <= Self.maximumRetries else {
                        throw StoreError.wrap(error, operation: operation)
                    }
                    logger.debug("repeating on the next host", metadata: ["operation": "\(operation)"])
                }
            }
        }
    }

    /// Stops the pool (open connections are closed in the background) and fails operations from now on.
    func close() {
        let waiters = lifecycle.withLock { $0.closed() }
        for waiter in waiters { waiter.resume(throwing: StoreError.closed) }
        losses.finish()
        runner.withLock { $0?.cancel() }
    }

    /// `close()`, then waits until every connection is closed.
    func shutdown() async {
        close()
        await runner.withLock { $0 }?.value
    }

    private func pool() async throws -> (client: PostgresClient, generation: Int) {
        if let current = lifecycle.withLock({ $0.current }) { return current }
        return try await withCheckedThrowingContinuation { (continuation: Waiter) in
            switch lifecycle.withLock({ $0.clientRequested(continuation, now: .now) }) {
            case .ready(let client, let generation): continuation.resume(returning: (client, generation))
            case .wait: break
            case .fail(let error): continuation.resume(throwing: error)
            }
        }
    }

    /// Selects a writable host and serves its pool until the host is lost, then selects again; returns when the
    /// store closes, or when the first selection fails (the store then fails, as `open` reports).
    private func supervise(
        configuration: PostgresStoreConfiguration, prepare: @Sendable (PostgresClient) async throws -> Void,
        losses: AsyncStream<Int>
    ) async {
        if configuration.tls == .insecure {
            logger.warning("store.postgres.tls.insecure is true: the server's certificate is not verified")
        }
        let selector = HostSelector(configuration: configuration, logger: logger)
        var losses = losses.makeAsyncIterator()
        var backoff = SelectionBackoff()
        var attempt = 0
        while !Task.isCancelled {
            attempt += 1
            do {
                let host = try await selector.firstWritable()
                try await serve(host, configuration: configuration, prepare: prepare, losses: &losses)
                backoff = SelectionBackoff()
                attempt = 0
            } catch {
                if Task.isCancelled { return }
                let failure = error as? StoreError ?? StoreError.wrap(error, operation: "connect")
                let (expired, retry) = lifecycle.withLock { $0.selectionFailed(failure, now: .now) }
                for waiter in expired { waiter.resume(throwing: failure) }
                guard retry else { return }
                let delay = backoff.next()
                // Four attempts a second during a failover: the first and every twentieth are worth a warning.
                logger.log(
                    level: attempt == 1 || attempt % 20 == 0 ? .warning : .debug,
                    "no writable PostgreSQL host yet; selecting again",
                    metadata: ["attempt": "\(attempt)", "reason": "\(failure)", "retry_in": "\(delay)"])
                try? await Task.sleep(for: delay)
            }
        }
    }

    /// Runs a pool for `host`, prepares it, hands it to operations, and returns once its host is reported lost
    /// (or the store closes); the pool is shut down on the way out. Throws when preparing fails.
    private func serve(
        _ host: PostgresStoreConfiguration.Host, configuration: PostgresStoreConfiguration,
        prepare: @Sendable (PostgresClient) async throws -> Void, losses: inout AsyncStream<Int>.Iterator
    ) async throws {
        var poolLogger = logger
        poolLogger[metadataKey: "postgres"] = "\(host)"
        let client = PostgresClient(
            configuration: configuration.clientConfiguration(for: host), backgroundLogger: poolLogger)
        let generation = try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await client.run() }
            do {
                try await prepare(client)
            } catch {
                group.cancelAll()
                throw StoreError.wrap(error, operation: "schema update")
            }
            let (generation, waiters) = lifecycle.withLock { $0.poolReady(client) }
            let watch = await watch(host, configuration: configuration, generation: generation)
            logger.info("store ready", metadata: ["postgres": "\(host)", "database": "\(configuration.database)"])
            for waiter in waiters { waiter.resume(returning: (client, generation)) }
            while let lost = await losses.next(), lost != generation {}
            try? await watch?.close()
            group.cancelAll()
            return generation
        }
        inFlight.abandon(generation: generation)
    }

    /// A connection of its own to `host` that reports the host lost when it closes (the server stopped, or the
    /// connection broke): the pool alone would keep retrying a dead host while operations wait. TCP keepalive
    /// (`TCPKeepalive.watch`) makes a silent cut close it too, within seconds.
    private func watch(
        _ host: PostgresStoreConfiguration.Host, configuration: PostgresStoreConfiguration, generation: Int
    ) async -> PostgresConnection? {
        do {
            let channel = try await TCPKeepalive.watch.connect(
                host: host.host, port: host.port, timeout: configuration.connectTimeout)
            let connection: PostgresConnection
            do {
                // On the channel's own event loop: postgres-nio sets its handlers up from there.
                connection = try await PostgresConnection.connect(
                    on: channel.eventLoop, configuration: try configuration.connectionConfiguration(for: host, over: channel),
                    id: -generation, logger: logger)
            } catch {
                try? await channel.close()
                throw error
            }
            connection.closeFuture.whenComplete { [self] _ in
                hostLost(generation: generation, reason: "the connection to \(host) closed")
            }
            return connection
        } catch {
            hostLost(generation: generation, reason: "cannot connect to \(host): \(StoreError.reason(error))")
            return nil
        }
    }

    /// Marks pool `generation` lost (once) and wakes the supervisor to select again.
    private func hostLost(generation: Int, reason: String) {
        guard lifecycle.withLock({ $0.hostLost(generation: generation) }) else { return }
        logger.warning("PostgreSQL host lost; selecting a writable host again", metadata: ["reason": "\(reason)"])
        losses.yield(generation)
    }
}
