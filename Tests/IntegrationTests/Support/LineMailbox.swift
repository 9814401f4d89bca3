import Synchronization

/// The lines a `ScriptedIRCUser` received and nobody has claimed yet, plus the waiters looking for one.
///
/// Selective receive: `waitFor` takes the *first unclaimed line that matches* and leaves the others for later
/// waits, so a script can wait for B then A even when A arrived first. A line claimed once is never returned again.
final class LineMailbox: Sendable {
    private struct Waiter {
        var id: UInt64
        var predicate: @Sendable (String) -> Bool
        var continuation: CheckedContinuation<String, any Error>
    }

    private struct State {
        var unclaimed: [String] = []
        var recent: [String] = []
        var waiters: [Waiter] = []
        var closedReason: ScriptedIRCUser.Failure?
        var nextID: UInt64 = 0
    }

    private static let recentLimit = 30
    private static let unclaimedLimit = 50_000
    private let state = Mutex(State())

    /// The last lines received (claimed or not), oldest first: for error messages.
    var recentLines: [String] { state.withLock { $0.recent } }

    /// Called from the channel for each received line.
    func deliver(_ line: String) {
        let waiter: Waiter? = state.withLock { state in
            state.recent.append(line)
            if state.recent.count > Self.recentLimit { state.recent.removeFirst() }
            if let index = state.waiters.firstIndex(where: { $0.predicate(line) }) {
                return state.waiters.remove(at: index)
            }
            if state.unclaimed.count < Self.unclaimedLimit { state.unclaimed.append(line) }
            return nil
        }
        waiter?.continuation.resume(returning: line)
    }

    /// Called once when the connection ends; pending and later waits fail with `reason` unless a line matches.
    func close(_ reason: ScriptedIRCUser.Failure) {
        let waiters = state.withLock { state -> [Waiter] in
            if state.closedReason == nil { state.closedReason = reason }
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.continuation.resume(throwing: reason) }
    }

    var closedReason: ScriptedIRCUser.Failure? { state.withLock { $0.closedReason } }

    /// The first unclaimed line matching `predicate`, waiting for one until `timeout`.
    func waitFor(
        timeout: Duration,
        description: String,
        _ predicate: @escaping @Sendable (String) -> Bool
    ) async throws -> String {
        try await withThrowingTaskGroup(of: String.self) { group in
            group.addTask { try await self.next(matching: predicate) }
            group.addTask {
                try await Task.sleep(for: timeout)
                throw ScriptedIRCUser.Failure.timedOut(
                    waitingFor: description,
                    after: timeout,
                    lastLines: self.recentLines
                )
            }
            defer { group.cancelAll() }
            return try await group.next()!
        }
    }

    private func next(matching predicate: @escaping @Sendable (String) -> Bool) async throws -> String {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            return state.nextID
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String, any Error>) in
                let outcome: Result<String, ScriptedIRCUser.Failure>? = state.withLock { state in
                    if let index = state.unclaimed.firstIndex(where: predicate) {
                        return .success(state.unclaimed.remove(at: index))
                    }
                    if let reason = state.closedReason { return .failure(reason) }
                    if Task.isCancelled { return .failure(.cancelled) }
                    state.waiters.append(Waiter(id: id, predicate: predicate, continuation: continuation))
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(throwing: ScriptedIRCUser.Failure.cancelled)
        }
    }
}
