import Logging
import ServiceLifecycle
import SitrepCore
import Synchronization

/// The single writer of timelines: transcript lines and lifecycle commits go through one FIFO, so the stored
/// order is the order things happened, and are written by group commit: whatever queued up while the previous
/// transaction ran goes into the next one (one transaction per batch, never one per line).
///
/// A lifecycle commit returns only once it is durable, after every line queued before it; the caller confirms
/// the action in chat only then. When the backlog passes `highWatermark` lines, `append` waits, so a flood
/// slows the reader instead of growing memory without bound; nothing is dropped.
///
/// A network whose event stream resumes from a token (Matrix `next_batch`) brackets each batch with `hold()` and
/// `release(checkpoint:)`: the batch's lines are then written in one transaction together with the checkpoint,
/// so a restart resumes after exactly what was recorded. A lifecycle commit or a `drain` inside the bracket
/// still writes at once (with the lines before it), and so does a backlog over the high watermark.
public final class TimelineWriter: Service, Sendable {
    enum Request: Sendable {
        case lines([TimelineEntry])
        case commit(Incident, [TimelineEntry], CheckedContinuation<Void, any Error>)
        /// A timer firing (`TimerStore.fire`), in its own transaction after the lines queued before it.
        case fire(StoredFiring, CheckedContinuation<Bool, any Error>)
        /// An incident's new timer plan (`TimerStore.replaceTimers`), after everything queued before it: a plan
        /// made while a firing was queued must not overtake it (it would drop the timer's row before the firing
        /// claims it, and the firing would be lost).
        case timers(Int64, [IncidentTimer], CheckedContinuation<Void, any Error>)
        /// Resumes once everything queued before it is written.
        case barrier(CheckedContinuation<Void, any Error>)
        /// Where a stream resumes once the lines queued before it are written: stored in their transaction.
        case checkpoint(StreamCheckpoint)
    }

    private struct State {
        var queue: [Request] = []
        var queuedLines = 0
        var roomWaiters: [CheckedContinuation<Void, Never>] = []
        var stopped = false
        /// Open `hold()` brackets: while positive, lines wait for the bracket's checkpoint.
        var holds = 0

        /// Whether the queue may be written now: nothing is held, or something in it must not wait.
        var mayWrite: Bool {
            holds == 0 || queue.contains { request in
                switch request {
                case .commit, .fire, .timers, .barrier: true
                case .lines, .checkpoint: false
                }
            }
        }
    }

    private let store: any IncidentStore
    private let logger: Logger
    private let highWatermark: Int
    /// Counts committed entries and times each transaction, once per batch (never per line).
    private let metrics: SitrepMetrics
    private let state = Mutex(State())
    private let doorbell: AsyncStream<Void>
    private let ring: AsyncStream<Void>.Continuation

    public init(
        store: any IncidentStore, logger: Logger, highWatermark: Int = 20_000, metrics: SitrepMetrics = .disabled
    ) {
        self.store = store
        self.logger = logger
        self.highWatermark = highWatermark
        self.metrics = metrics
        (doorbell, ring) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Lines waiting to be written.
    public var backlog: Int { state.withLock { $0.queuedLines } }

    /// Queues transcript lines; waits only when the backlog is over the high watermark. Runs on the caller's
    /// actor (`nonsending`): queuing costs the coordinator no hop to another executor.
    nonisolated(nonsending) public func append(_ entries: [TimelineEntry]) async {
        guard !entries.isEmpty else { return }
        let mustWait = state.withLock { state in
            state.queue.append(.lines(entries))
            state.queuedLines += entries.count
            return state.queuedLines > highWatermark
        }
        ring.yield(())
        if mustWait { await waitForRoom() }
    }

    /// Stores an incident change with its entries after everything queued before it; returns once durable.
    /// Queued before the caller's first suspension (`nonsending`: on the caller's actor), so two requests made
    /// one after the other by one actor are written in that order.
    nonisolated(nonsending) public func commit(_ incident: Incident, entries: [TimelineEntry]) async throws {
        try await withCheckedThrowingContinuation { continuation in
            guard enqueue(.commit(incident, entries, continuation)) else {
                return continuation.resume(throwing: TimelineWriterStopped())
            }
            ring.yield(())
        }
    }

    /// Claims and stores a timer firing after everything queued before it; returns once durable, with whether
    /// the timer was still unfired (false: nothing was written).
    nonisolated(nonsending) public func fire(_ firing: StoredFiring) async throws -> Bool {
        try await withCheckedThrowingContinuation { continuation in
            guard enqueue(.fire(firing, continuation)) else {
                return continuation.resume(throwing: TimelineWriterStopped())
            }
            ring.yield(())
        }
    }

    /// Stores `incidentID`'s timer plan after everything queued before it (a firing queued first claims its timer
    /// first); returns once stored. Queued before the caller's first suspension (`nonsending`).
    nonisolated(nonsending) public func replaceTimers(incidentID: Int64, with plan: [IncidentTimer]) async throws {
        try await withCheckedThrowingContinuation { continuation in
            guard enqueue(.timers(incidentID, plan, continuation)) else {
                return continuation.resume(throwing: TimelineWriterStopped())
            }
            ring.yield(())
        }
    }

    /// Waits until everything queued so far is written.
    public func drain() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            guard enqueue(.barrier(continuation)) else { return continuation.resume(throwing: TimelineWriterStopped()) }
            ring.yield(())
        }
    }

    /// Queues a request that someone waits for; false once the writer has stopped (nothing would answer it: a
    /// command or a sync batch still running at shutdown must not wait forever).
    private func enqueue(_ request: Request) -> Bool {
        state.withLock { state in
            guard !state.stopped else { return false }
            state.queue.append(request)
            return true
        }
    }

    /// Opens a batch bracket: lines appended from now on are not written before `release(checkpoint:)` (unless a
    /// commit, a drain or the high watermark forces them out).
    public func hold() {
        state.withLock { $0.holds += 1 }
    }

    /// Closes the bracket opened by `hold()`: `checkpoint` is written in the same transaction as the lines queued
    /// before it.
    public func release(checkpoint: StreamCheckpoint?) {
        state.withLock { state in
            state.holds = max(0, state.holds - 1)
            if let checkpoint { state.queue.append(.checkpoint(checkpoint)) }
        }
        ring.yield(())
    }

    public func run() async throws {
        for await _ in doorbell.cancelOnGracefulShutdown() {
            await writeQueued()
        }
        // From here nothing new is queued (`enqueue` refuses): what is queued is written, and then nothing waits.
        let waiters = state.withLock { state in
            state.holds = 0
            state.stopped = true
            defer { state.roomWaiters.removeAll() }
            return state.roomWaiters
        }
        await writeQueued()
        for waiter in waiters { waiter.resume() }
    }

    private func waitForRoom() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state in
                if state.stopped || state.queuedLines <= highWatermark { return true }
                state.roomWaiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Writes everything queued, in order: consecutive line batches merged into one transaction.
    private func writeQueued() async {
        while true {
            let requests = state.withLock { state in
                guard state.mayWrite || state.stopped || state.queuedLines > highWatermark else { return [Request]() }
                defer { state.queue.removeAll(keepingCapacity: true) }
                return state.queue
            }
            if requests.isEmpty { return }
            var lines: [TimelineEntry] = []
            for request in requests {
                switch request {
                case .lines(let entries):
                    // The first batch is taken as it is (no copy of its entries); later ones are appended.
                    if lines.isEmpty { lines = entries } else { lines.append(contentsOf: entries) }
                case .commit(let incident, let entries, let continuation):
                    // The lines queued before the change go in the same transaction, ahead of it.
                    do {
                        let started = ContinuousClock.now
                        let before = lines
                        try await Self.shielded { [store] in try await store.commit(incident, entries: entries, after: before) }
                        metrics.committed(
                            .lifecycle, entries: lines.count + entries.count, duration: started.duration(to: .now))
                        linesWritten(lines.count)
                        lines.removeAll(keepingCapacity: true)
                        continuation.resume()
                    } catch {
                        await writeLines(&lines)
                        logger.error("lifecycle commit failed", metadata: ["incident": "\(incident.id)", "error": "\(error)"])
                        continuation.resume(throwing: error)
                    }
                case .fire(let firing, let continuation):
                    await writeLines(&lines)
                    do {
                        let started = ContinuousClock.now
                        let fired = try await Self.shielded { [store] in try await store.fire(firing) }
                        metrics.committed(.lifecycle, entries: firing.entries.count, duration: started.duration(to: .now))
                        continuation.resume(returning: fired)
                    } catch {
                        logger.error("timer firing not stored", metadata: ["timer": "\(firing.timer)", "error": "\(error)"])
                        continuation.resume(throwing: error)
                    }
                case .timers(let incidentID, let plan, let continuation):
                    await writeLines(&lines)
                    do {
                        try await Self.shielded { [store] in try await store.replaceTimers(incidentID: incidentID, with: plan) }
                        continuation.resume()
                    } catch {
                        continuation.resume(throwing: error)
                    }
                case .barrier(let continuation):
                    await writeLines(&lines)
                    continuation.resume()
                case .checkpoint(let checkpoint):
                    await writeLines(&lines, checkpoint: checkpoint)
                }
            }
            await writeLines(&lines)
        }
    }

    /// Appends lines, retrying a failed transaction (the store may be briefly busy) rather than losing them.
    /// Once the writer is cancelled (its service group is going down hard) a store that keeps failing gets
    /// `retriesAfterCancellation` more tries, and then the lines are reported lost instead of retried forever.
    private func writeLines(_ lines: inout [TimelineEntry], checkpoint: StreamCheckpoint? = nil) async {
        guard !lines.isEmpty || checkpoint != nil else { return }
        var attempt = 0
        var triesSinceCancellation = 0
        // One token for every try of this batch: a try that failed after its commit is not stored twice.
        let token = AppendToken()
        while true {
            do {
                let started = ContinuousClock.now
                let batch = lines
                try await Self.shielded { [store] in
                    if let checkpoint {
                        try await store.append(batch, checkpoint: checkpoint)
                    } else {
                        try await store.append(batch, token: token)
                    }
                }
                metrics.committed(.timeline, entries: lines.count, duration: started.duration(to: .now))
                break
            } catch {
                attempt += 1
                if Task.isCancelled { triesSinceCancellation += 1 }
                if triesSinceCancellation > Self.retriesAfterCancellation {
                    logger.critical(
                        "timeline lines lost: the store kept failing while sitrep was stopping",
                        metadata: ["lines": "\(lines.count)", "error": "\(error)"])
                    break
                }
                logger.error("timeline append failed; retrying", metadata: ["lines": "\(lines.count)", "error": "\(error)"])
                // A cancelled task's sleep returns at once; this one still waits, so retries stay spaced out.
                let pause = Duration.milliseconds(min(1_000, 50 * attempt))
                await Self.pause(pause)
            }
        }
        linesWritten(lines.count)
        lines.removeAll(keepingCapacity: true)
    }

    static let retriesAfterCancellation = 5

    /// Runs `work` in its own task, so that cancelling the writer (a service group cancelling its services)
    /// does not abort a transaction half-way through its lines: what was queued still gets written.
    private static func shielded<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) async throws -> T {
        try await Task { try await work() }.value
    }

    /// Sleeps `duration` even in a cancelled task (whose own sleep would return at once).
    private static func pause(_ duration: Duration) async {
        await Task { try? await Task.sleep(for: duration) }.value
    }

    /// Frees room in the backlog and wakes appenders waiting for it.
    private func linesWritten(_ count: Int) {
        guard count > 0 else { return }
        let waiters = state.withLock { state in
            state.queuedLines -= count
            guard state.queuedLines <= highWatermark else { return [CheckedContinuation<Void, Never>]() }
            defer { state.roomWaiters.removeAll() }
            return state.roomWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

}

/// The writer has stopped (shutdown): a commit, firing or drain asked after it is not written.
public struct TimelineWriterStopped: Error, CustomStringConvertible {
    public var description: String { "the timeline writer has stopped (sitrep is shutting down); nothing was written" }
}
