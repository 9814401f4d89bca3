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
public final class TimelineWriter: Service, Sendable {
    enum Request: Sendable {
        case lines([TimelineEntry])
        case commit(Incident, [TimelineEntry], CheckedContinuation<Void, any Error>)
        /// Resumes once everything queued before it is written.
        case barrier(CheckedContinuation<Void, any Error>)
    }

    private struct State {
        var queue: [Request] = []
        var queuedLines = 0
        var roomWaiters: [CheckedContinuation<Void, Never>] = []
        var stopped = false
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

    /// Queues transcript lines; waits only when the backlog is over the high watermark.
    public func append(_ entries: [TimelineEntry]) async {
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
    public func commit(_ incident: Incident, entries: [TimelineEntry]) async throws {
        try await withCheckedThrowingContinuation { continuation in
            state.withLock { $0.queue.append(.commit(incident, entries, continuation)) }
            ring.yield(())
        }
    }

    /// Waits until everything queued so far is written.
    public func drain() async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            state.withLock { $0.queue.append(.barrier(continuation)) }
            ring.yield(())
        }
    }

    public func run() async throws {
        for await _ in doorbell.cancelOnGracefulShutdown() {
            await writeQueued()
        }
        await writeQueued()
        let waiters = state.withLock { state in
            state.stopped = true
            defer { state.roomWaiters.removeAll() }
            return state.roomWaiters
        }
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
                defer { state.queue.removeAll(keepingCapacity: true) }
                return state.queue
            }
            if requests.isEmpty { return }
            var lines: [TimelineEntry] = []
            for request in requests {
                switch request {
                case .lines(let entries):
                    lines.append(contentsOf: entries)
                case .commit(let incident, let entries, let continuation):
                    // The lines queued before the change go in the same transaction, ahead of it.
                    do {
                        let started = ContinuousClock.now
                        try await store.commit(incident, entries: entries, after: lines)
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
                case .barrier(let continuation):
                    await writeLines(&lines)
                    continuation.resume()
                }
            }
            await writeLines(&lines)
        }
    }

    /// Appends lines, retrying a failed transaction (the store may be briefly busy) rather than losing them.
    private func writeLines(_ lines: inout [TimelineEntry]) async {
        guard !lines.isEmpty else { return }
        var attempt = 0
        while true {
            do {
                let started = ContinuousClock.now
                try await store.append(lines)
                metrics.committed(.timeline, entries: lines.count, duration: started.duration(to: .now))
                break
            } catch {
                attempt += 1
                logger.error("timeline append failed; retrying", metadata: ["lines": "\(lines.count)", "error": "\(error)"])
                try? await Task.sleep(for: .milliseconds(min(1_000, 50 * attempt)))
            }
        }
        linesWritten(lines.count)
        lines.removeAll(keepingCapacity: true)
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
