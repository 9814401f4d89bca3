import Logging

/// The Matrix sends, ordered per room: every job for one lane (a room, or a person for a direct message) runs
/// after the previous one of that lane has finished, while lanes run side by side, so a room held up by a 429
/// or a slow homeserver does not hold up the others. Jobs are queued without waiting (`enqueue`), and run by
/// `run()`, which the Matrix service runs for as long as it runs, from the moment it calls `open()` (after the
/// login: actions queued before, such as rejoining incident rooms at start, wait for it).
public final class MatrixOutbox: Sendable {
    /// One send (or join, invite, topic change); it reports its own failure.
    public typealias Job = @Sendable () async -> Void

    private struct Item: Sendable {
        var lane: String
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

    /// Runs the queued jobs, one lane after another job by job, until cancelled.
    public func run() async {
        for await _ in gate { break }
        await withDiscardingTaskGroup { group in
            var lanes: [String: AsyncStream<Job>.Continuation] = [:]
            for await item in input {
                if Task.isCancelled { break }
                if let lane = lanes[item.lane] {
                    lane.yield(item.job)
                    continue
                }
                let (jobs, lane) = AsyncStream.makeStream(of: Job.self)
                lanes[item.lane] = lane
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
