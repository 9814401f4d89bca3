import Logging
import PostgresNIO
import Synchronization

/// Owns the store's connection pool while the store is open: picks the host, runs the pool, prepares the schema,
/// and hands the pool to operations once it is ready.
///
/// The pool's `run()` runs in a task this type starts when the store opens and cancels when it closes (the store
/// is not a service of the app's group, because it must be usable, migrations included, before the group starts
/// and by the offline commands). Operations that arrive while it is still connecting wait; if no host can be
/// used they fail with the reason for each host. Failover belongs in `supervise`: a later version watches the
/// pool and, when its host stops accepting writes, selects again and swaps the client that `client()` returns.
final class PostgresConnector: Sendable {
    private enum State {
        case connecting([CheckedContinuation<PostgresClient, any Error>])
        case ready(PostgresClient)
        case failed(PostgresStoreError)
        case closed
    }

    private let state = Mutex<State>(.connecting([]))
    private let runner = Mutex<Task<Void, Never>?>(nil)

    /// Starts connecting at once; `prepare` runs on the pool before any operation gets it (the migrations).
    init(
        configuration: PostgresStoreConfiguration, logger: Logger,
        prepare: @escaping @Sendable (PostgresClient) async throws -> Void
    ) {
        let task = Task { [self] in
            await self.supervise(configuration: configuration, logger: logger, prepare: prepare)
        }
        runner.withLock { $0 = task }
    }

    /// The ready pool; waits while connecting, throws if connecting failed or the store is closed.
    func client() async throws -> PostgresClient {
        if let client = state.withLock({ state -> PostgresClient? in
            if case .ready(let client) = state { return client }
            return nil
        }) {
            return client
        }
        return try await withCheckedThrowingContinuation { continuation in
            let result: Result<PostgresClient, PostgresStoreError>? = state.withLock { state in
                switch state {
                case .connecting(var waiters):
                    waiters.append(continuation)
                    state = .connecting(waiters)
                    return nil
                case .ready(let client): return .success(client)
                case .failed(let error): return .failure(error)
                case .closed: return .failure(.closed)
                }
            }
            if let result { continuation.resume(with: result) }
        }
    }

    /// Stops the pool (open connections are closed in the background) and fails operations from now on.
    func close() {
        resolve(.failure(.closed), final: true)
        runner.withLock { $0?.cancel() }
    }

    /// `close()`, then waits until every connection is closed.
    func shutdown() async {
        close()
        await runner.withLock { $0 }?.value
    }

    private func supervise(
        configuration: PostgresStoreConfiguration, logger: Logger,
        prepare: @Sendable (PostgresClient) async throws -> Void
    ) async {
        let host: PostgresStoreConfiguration.Host
        do {
            host = try await HostSelector(configuration: configuration, logger: logger).firstWritable()
        } catch {
            resolve(.failure(PostgresStoreError.wrap(error, operation: "connect")), final: false)
            return
        }
        var poolLogger = logger
        poolLogger[metadataKey: "postgres"] = "\(host)"
        let client = PostgresClient(
            configuration: configuration.clientConfiguration(for: host), backgroundLogger: poolLogger)
        await withDiscardingTaskGroup { group in
            group.addTask { await client.run() }
            do {
                try await prepare(client)
                logger.info("store ready", metadata: ["postgres": "\(host)", "database": "\(configuration.database)"])
                resolve(.success(client), final: false)
            } catch {
                resolve(.failure(PostgresStoreError.wrap(error, operation: "schema update")), final: false)
                group.cancelAll()
            }
        }
    }

    /// Settles the waiters; `final` (close) wins over any state, otherwise only a connecting store changes.
    private func resolve(_ result: Result<PostgresClient, PostgresStoreError>, final: Bool) {
        let waiters = state.withLock { state -> [CheckedContinuation<PostgresClient, any Error>] in
            var waiters: [CheckedContinuation<PostgresClient, any Error>] = []
            if case .connecting(let pending) = state { waiters = pending } else if !final { return [] }
            switch result {
            case .success(let client): state = .ready(client)
            case .failure(let error): state = final ? .closed : .failed(error)
            }
            return waiters
        }
        for waiter in waiters { waiter.resume(with: result.mapError { $0 }) }
    }
}
