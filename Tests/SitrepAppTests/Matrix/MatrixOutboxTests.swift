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

    /// `settled()` returns only once every job queued before it ran, in every lane (the sync service waits for it
    /// before it stores that a command was answered); jobs queued after it do not hold it up.
    @Test func settledWaitsForEveryJobQueuedBeforeIt() async throws {
        let outbox = MatrixOutbox()
        let log = Mutex<[String]>([])
        let (gate, open) = AsyncStream.makeStream(of: Void.self)
        outbox.enqueue(lane: "!a") { log.withLock { $0.append("a1") } }
        outbox.enqueue(lane: "!b") {
            for await _ in gate { break }
            log.withLock { $0.append("b1") }
        }
        outbox.open()
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await outbox.run() }
            let (settled, done) = AsyncStream.makeStream(of: Void.self)
            group.addTask {
                await outbox.settled()
                done.yield()
            }
            try await Task.sleep(for: .milliseconds(100))
            #expect(log.withLock { $0 } == ["a1"], "b1 has not run: not settled")
            outbox.enqueue(lane: "!c") { log.withLock { $0.append("c1") } }
            open.yield()
            var iterator = settled.makeAsyncIterator()
            await iterator.next()
            #expect(log.withLock { $0 }.prefix(2) == ["a1", "b1"])
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
