import Synchronization

/// Items arriving from a running system (bot events, log lines) and the test waits looking for them.
///
/// Selective receive: `waitFor` claims the first unclaimed item that matches and leaves the others, so a test can
/// wait for B then A even when A arrived first. Every wait has a deadline; a timeout error lists the last items.
final class Mailbox<Item: Sendable>: Sendable {
    struct TimedOut: Error, CustomStringConvertible {
        var name: String
        var waitingFor: String
        var timeout: Duration
        var recent: [String]
        var description: String {
            "timed out after \(timeout) waiting in \(name) for \(waitingFor); last items:\n"
                + recent.map { "  \($0)" }.joined(separator: "\n")
        }
    }

    private struct Waiter {
        var id: UInt64
        var predicate: @Sendable (Item) -> Bool
        var continuation: CheckedContinuation<Item, any Error>
    }

    private struct State {
        var delivered: [Item] = []
        var unclaimed: [Item] = []
        var waiters: [Waiter] = []
        var nextID: UInt64 = 0
    }

    let name: String
    private let state = Mutex(State())

    init(name: String) {
        self.name = name
    }

    /// Everything delivered so far, oldest first.
    var delivered: [Item] { state.withLock { $0.delivered } }

    func deliver(_ item: Item) {
        let waiter: Waiter? = state.withLock { state in
            state.delivered.append(item)
            if let index = state.waiters.firstIndex(where: { $0.predicate(item) }) {
                return state.waiters.remove(at: index)
            }
            state.unclaimed.append(item)
            return nil
        }
        waiter?.continuation.resume(returning: item)
    }

    /// The first unclaimed item matching `predicate`, waiting until `timeout` for one.
    func waitFor(
        timeout: Duration, description: String, _ predicate: @escaping @Sendable (Item) -> Bool
    ) async throws -> Item {
        try await withThrowingTaskGroup(of: Item.self) { group in
            group.addTask { try await self.next(matching: predicate) }
            group.addTask {
                try await Task.sleep(for: timeout)
                let recent = self.delivered.suffix(15).map { "\($0)" }
                throw TimedOut(name: self.name, waitingFor: description, timeout: timeout, recent: recent)
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    private func next(matching predicate: @escaping @Sendable (Item) -> Bool) async throws -> Item {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Item, any Error>) in
                let outcome: Result<Item, CancellationError>? = state.withLock { state in
                    if let index = state.unclaimed.firstIndex(where: predicate) {
                        return .success(state.unclaimed.remove(at: index))
                    }
                    if Task.isCancelled { return .failure(CancellationError()) }
                    state.waiters.append(Waiter(id: id, predicate: predicate, continuation: continuation))
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter: Waiter? = state.withLock { state in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: CancellationError())
        }
    }
}
