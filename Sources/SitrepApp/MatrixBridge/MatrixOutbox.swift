import Logging
import Synchronization

/// The Matrix sends, ordered per room: every job for one lane (a room, or a person for a direct message) runs
/// after the previous one of that lane has finished, while lanes run side by side, so a room held up by a 429
/// or a slow homeserver does not hold up the others. Jobs are queued without waiting (`enqueue`), and run by
/// `run()`, which the Matrix service runs for as long as it runs, from the moment it calls `open()` (after the
/// login: actions queued before, such as rejoining incident rooms at start, wait for it).
public final class MatrixOutbox: Sendable {
    /// One send (or join, invite, topic change); it reports its own failure.
    public typealias Job = @Sendable () async -> Void

    private struct Item: Sendable {
        /// Nil for a barrier: `job` runs once every lane has run the jobs queued before it.
        var lane: String?
        var job: Job
    }

    private let input: AsyncStream<Item>
    private let continuation: AsyncStream<Item>.Continuation
    private let gate: AsyncStream<Void>
    private let opener: AsyncStream<Void>.Continuation

    public init() {
        (input, continuation) = AsyncStream.makeStream(of: Item.self)
        (gate, opener) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Lets `run()` start sending.
    public func open() {
        opener.yield()
    }

    /// Queues `job` behind the jobs already queued for `lane`.
    public func enqueue(lane: String, _ job: @escaping Job) {
        continuation.yield(Item(lane: lane, job: job))
    }

    /// Returns once every job queued before the call has run (sent, or failed and reported), in every lane; at
    /// once when the outbox has finished, or when the calling task is cancelled. The sync service waits for this
    /// before it stores that a command was handled, so a reply still queued at a crash is sent after the restart.
    public func settled() async {
        let once = Once()
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                once.set(continuation)
                if case .terminated = self.continuation.yield(Item(lane: nil, job: { once.resume() })) {
                    once.resume()
                }
            }
        } onCancel: {
            once.resume()
        }
    }

    /// Resumes a continuation once, whoever asks first (the barrier, a finished outbox, a cancellation).
    private final class Once: Sendable {
        private let state = Mutex<(continuation: CheckedContinuation<Void, Never>?, resumed: Bool)>((nil, false))

        func set(_ continuation: CheckedContinuation<Void, Never>) {
            let resumeNow = state.withLock { state in
                if state.resumed { return true }
                state.continuation = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }

        func resume() {
            let continuation = state.withLock { state in
                state.resumed = true
                defer { state.continuation = nil }
                return state.continuation
            }
            continuation?.resume()
        }
    }

    /// Counts the lanes a barrier still waits for; runs the barrier's job when the last one passes.
    private final class Countdown: Sendable {
        private let remaining: Mutex<Int>
        private let job: Job

        init(_ count: Int, then job: @escaping Job) {
            remaining = Mutex(count)
            self.job = job
        }

        func arrive() async {
            if remaining.withLock({ $0 -= 1; return $0 == 0 }) { await job() }
        }
    }

    /// Runs the queued jobs, one lane after another job by job, until cancelled.
    public func run() async {
        for await _ in gate { break }
        await withDiscardingTaskGroup { group in
            var lanes: [String: AsyncStream<Job>.Continuation] = [:]
            for await item in input {
                if Task.isCancelled {
                    if item.lane == nil { await item.job() }
                    break
                }
                guard let name = item.lane else {
                    let countdown = Countdown(lanes.count, then: item.job)
                    for lane in lanes.values { lane.yield { await countdown.arrive() } }
                    if lanes.isEmpty { await item.job() }
                    continue
                }
                if let lane = lanes[name] {
                    lane.yield(item.job)
                    continue
                }
                let (jobs, lane) = AsyncStream.makeStream(of: Job.self)
                lanes[name] = lane
                lane.yield(item.job)
                group.addTask {
                    for await job in jobs {
                        if Task.isCancelled { return }
                        await job()
                    }
                }
            }
            for lane in lanes.values { lane.finish() }
        }
    }

    /// Ends `run()` once the jobs queued so far have run (opening the gate if it never was).
    public func finish() {
        continuation.finish()
        opener.finish()
    }
}
