import Synchronization

/// The operations running on each pool, so that those still waiting when their pool is gone can be given up.
///
/// postgres-nio 1.33 never answers a query written to a connection that has just closed (the write is dropped
/// with the channel's handlers, and the query's promise with it), so an operation caught by its host going away
/// can wait forever, and cancelling it does not help. Each operation therefore runs in a task of its own; once
/// its pool has shut down (every connection closed, so nothing legitimate is still running), `abandon` makes
/// the waiting caller throw `Abandoned` and leaves the stuck task behind.
final class InFlightOperations: Sendable {
    /// The operation's connection closed under it; whether it took effect is unknown.
    struct Abandoned: Error, CustomStringConvertible {
        var description: String { "the connection closed under the operation" }
    }

    /// A caller's continuation, resumed by whichever comes first: the operation's result or `abandon`.
    private final class Outcome<T: Sendable>: Sendable {
        private let continuation = Mutex<CheckedContinuation<T, any Error>?>(nil)
        let task = Mutex<Task<Void, Never>?>(nil)

        func wait(_ continuation: CheckedContinuation<T, any Error>) {
            self.continuation.withLock { $0 = continuation }
        }

        func settle(_ result: Result<T, any Error>) {
            let waiting = continuation.withLock { continuation in
                defer { continuation = nil }
                return continuation
            }
            waiting?.resume(with: result)
        }
    }

    private struct Registry {
        var nextID = 0
        var byGeneration: [Int: [Int: @Sendable () -> Void]] = [:]
    }

    private let registry = Mutex(Registry())

    /// Runs `body` for pool `generation`; throws `Abandoned` if `abandon(generation:)` comes first. Cancelling the
    /// caller cancels `body`'s task.
    func run<T: Sendable>(generation: Int, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let outcome = Outcome<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                outcome.wait(continuation)
                let id = registry.withLock { registry in
                    registry.nextID += 1
                    registry.byGeneration[generation, default: [:]][registry.nextID] = {
                        outcome.settle(.failure(Abandoned()))
                    }
                    return registry.nextID
                }
                let task = Task { [self] in
                    let result: Result<T, any Error>
                    do { result = .success(try await body()) } catch { result = .failure(error) }
                    registry.withLock { _ = $0.byGeneration[generation]?.removeValue(forKey: id) }
                    outcome.settle(result)
                }
                outcome.task.withLock { $0 = task }
            }
        } onCancel: {
            outcome.task.withLock { $0 }?.cancel()
        }
    }

    /// Gives up every operation of pool `generation` still running.
    func abandon(generation: Int) {
        let waiting = registry.withLock { $0.byGeneration.removeValue(forKey: generation) } ?? [:]
        for abandon in waiting.values { abandon() }
    }
}
