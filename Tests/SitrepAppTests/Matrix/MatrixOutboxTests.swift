import Synchronization
import Testing

@testable import SitrepApp

/// The Matrix outbox: jobs of one room run in order, one at a time; a room that is held up (a 429, a slow
/// request) does not hold up the others.
@Suite("Matrix outbox")
struct MatrixOutboxTests {
    @Test func jobsRunInOrderPerLaneAndABlockedLaneDoesNotBlockOthers() async throws {
        let outbox = MatrixOutbox()
        let log = Mutex<[String]>([])
        let (gate, open) = AsyncStream.makeStream(of: Void.self)
        let (done, finished) = AsyncStream.makeStream(of: String.self)
        outbox.enqueue(lane: "!a") {
            for await _ in gate { break }
            log.withLock { $0.append("a1") }
        }
        outbox.enqueue(lane: "!a") {
            log.withLock { $0.append("a2") }
            finished.yield("a")
        }
        for index in 1...3 {
            outbox.enqueue(lane: "!b") {
                log.withLock { $0.append("b\(index)") }
                if index == 3 { finished.yield("b") }
            }
        }
        outbox.open()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await outbox.run() }
            var iterator = done.makeAsyncIterator()
            #expect(await iterator.next() == "b")
            #expect(log.withLock { $0 } == ["b1", "b2", "b3"])
            open.yield()
            #expect(await iterator.next() == "a")
            #expect(log.withLock { $0 } == ["b1", "b2", "b3", "a1", "a2"])
            group.cancelAll()
        }
    }

    /// What jobs did, in order, shared with the tasks of a test.
    final class Log: Sendable {
        let entries = Mutex<[String]>([])
        func append(_ entry: String) { entries.withLock { $0.append(entry) } }
        var all: [String] { entries.withLock { $0 } }
    }

    /// `settled()` returns only once every job queued before it ran, in every lane (the sync service waits for it
    /// before it stores that a command was answered): here one held up until after the call.
    @Test func settledWaitsForEveryJobQueuedBeforeIt() async throws {
        let outbox = MatrixOutbox()
        let log = Log()
        let (gate, open) = AsyncStream.makeStream(of: Void.self)
        outbox.enqueue(lane: "!a") { log.append("a1") }
        outbox.enqueue(lane: "!b") {
            for await _ in gate { break }
            log.append("b1")
        }
        outbox.open()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await outbox.run() }
            let (settled, done) = AsyncStream.makeStream(of: [String].self)
            group.addTask {
                await outbox.settled()
                done.yield(log.all)
            }
            outbox.enqueue(lane: "!c") { log.append("c1") }
            // b1 is let go a moment after `settled()` was called: a barrier that did not wait would be past.
            try? await Task.sleep(for: .milliseconds(200))
            open.yield()
            var iterator = settled.makeAsyncIterator()
            let seen = await iterator.next() ?? []
            #expect(seen.contains("a1") && seen.contains("b1"), "\(seen)")
            group.cancelAll()
        }
    }

    /// A finished outbox is settled at once (a sync stopping after the outbox must not hang).
    @Test func aFinishedOutboxIsSettledAtOnce() async {
        let outbox = MatrixOutbox()
        outbox.finish()
        await outbox.settled()
    }
}
