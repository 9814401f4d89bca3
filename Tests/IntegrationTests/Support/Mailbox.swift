import Synchronization

/// Items arriving from a running system (lines a scripted person receives, bot events, log lines) and the waits
/// a test makes for them.
///
/// Selective receive: `waitFor` claims the first unclaimed item that matches and leaves the others, so a test can
/// wait for B then A even when A arrived first; an item claimed once is never returned again. Every wait has a
/// deadline. `close(_:)` ends the stream: pending and later waits fail with its error unless an item matches.
final class Mailbox<Item: Sendable>: Sendable {
    /// The wait's deadline passed; `recent` lists the last items delivered (the whole history when bounded).
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

    /// Builds the error a timed-out wait throws, from the wait's description, its timeout and the recent items.
    typealias TimeoutError = @Sendable (_ waitingFor: String, _ timeout: Duration, _ recent: [Item]) -> any Error

    private struct Waiter {
        var id: UInt64
        var predicate: @Sendable (Item) -> Bool
        var continuation: CheckedContinuation<Item, any Error>
    }

    private struct State {
        var delivered: [Item] = []
        var unclaimed: [Item] = []
        var waiters: [Waiter] = []
        var closedBy: (any Error)?
        var nextID: UInt64 = 0
    }

    let name: String
    private let historyLimit: Int?
    private let unclaimedLimit: Int
    private let timeoutError: TimeoutError?
    private let state = Mutex(State())

    /// `historyLimit` bounds `delivered` (nil keeps everything); `unclaimedLimit` bounds what waits can still claim,
    /// so a flood nobody waits for does not grow without end. `timeoutError` replaces `TimedOut` when given.
    init(name: String, historyLimit: Int? = nil, unclaimedLimit: Int = .max, timeoutError: TimeoutError? = nil) {
        self.name = name
        self.historyLimit = historyLimit
        self.unclaimedLimit = unclaimedLimit
        self.timeoutError = timeoutError
    }

    /// Everything delivered so far (or the last `historyLimit` items), oldest first, claimed or not.
    var delivered: [Item] { state.withLock { $0.delivered } }

    /// The error the mailbox was closed with, if it was.
    var closedBy: (any Error)? { state.withLock { $0.closedBy } }

    func deliver(_ item: Item) {
        let waiter: Waiter? = state.withLock { state in
            state.delivered.append(item)
            if let historyLimit, state.delivered.count > historyLimit { state.delivered.removeFirst() }
            if let index = state.waiters.firstIndex(where: { $0.predicate(item) }) {
                return state.waiters.remove(at: index)
            }
            if state.unclaimed.count < unclaimedLimit { state.unclaimed.append(item) }
            return nil
        }
        waiter?.continuation.resume(returning: item)
    }

    /// Ends the stream: every pending wait, and every later wait that finds no matching item, throws `error`.
    /// Only the first close counts.
    func close(_ error: any Error) {
        let waiters = state.withLock { state -> [Waiter] in
            if state.closedBy == nil { state.closedBy = error }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.continuation.resume(throwing: error) }
    }

    /// The first unclaimed item matching `predicate`, waiting until `timeout` for one.
    func waitFor(
        timeout: Duration, description: String, _ predicate: @escaping @Sendable (Item) -> Bool
    ) async throws -> Item {
        try await withThrowingTaskGroup(of: Item.self) { group in
            group.addTask { try await self.next(matching: predicate) }
            group.addTask {
                try await Task.sleep(for: timeout)
                let recent = Array(self.delivered.suffix(self.historyLimit ?? 15))
                if let timeoutError = self.timeoutError { throw timeoutError(description, timeout, recent) }
                throw TimedOut(name: self.name, waitingFor: description, timeout: timeout, recent: recent.map { "\($0)" })
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
                let outcome: Result<Item, any Error>? = state.withLock { state in
                    if let index = state.unclaimed.firstIndex(where: predicate) {
                        return .success(state.unclaimed.remove(at: index))
                    }
                    if let error = state.closedBy { return .failure(error) }
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
