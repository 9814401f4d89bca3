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
}
