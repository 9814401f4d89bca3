import SitrepCore
import SitrepTestSupport
import Testing

@Suite struct DeadlineQueueTests {
    func timer(_ incident: Int64, _ key: String, at seconds: Int64) -> IncidentTimer {
        IncidentTimer(incidentID: incident, kind: .reminder, key: key, due: Timestamp(milliseconds: seconds * 1000))
    }

    @Test func popsDueTimersEarliestFirstAndLeavesTheRest() {
        var queue = DeadlineQueue()
        queue.insert(timer(1, "c", at: 30))
        queue.insert(timer(1, "a", at: 10))
        queue.insert(timer(2, "b", at: 20))
        #expect(queue.peek()?.id.key == "a")
        #expect(queue.popDue(Timestamp(milliseconds: 20_000)).map(\.id.key) == ["a", "b"])
        #expect(queue.count == 1 && queue.peek()?.id.key == "c")
    }

    @Test func replacingAnIncidentsTimersRemovesMovesAndKeeps() {
        var queue = DeadlineQueue()
        queue.insert(timer(1, "keep", at: 10))
        queue.insert(timer(1, "drop", at: 5))
        queue.insert(timer(2, "other", at: 7))
        queue.replace(incidentID: 1, with: [timer(1, "keep", at: 10), timer(1, "new", at: 3)])
        #expect(queue.timers(of: 1).map(\.id.key) == ["new", "keep"])
        #expect(queue.popDue(Timestamp(milliseconds: 60_000)).map(\.id.key) == ["new", "other", "keep"])
        #expect(queue.count == 0 && queue.peek() == nil)
    }

    @Test func aMovedTimerFiresOnlyAtItsNewTime() {
        var queue = DeadlineQueue()
        queue.insert(timer(1, "t", at: 10))
        queue.insert(timer(1, "t", at: 50))
        #expect(queue.popDue(Timestamp(milliseconds: 20_000)).isEmpty)
        #expect(queue.popDue(Timestamp(milliseconds: 50_000)).count == 1)
        #expect(queue.popDue(Timestamp(milliseconds: 90_000)).isEmpty, "the stale slot never fires")
    }

    @Test func manyReplacementsKeepOrderAndBoundedGarbage() {
        var queue = DeadlineQueue()
        var generator = SplitMix64(seed: 9)
        for round in 0..<20 {
            for incident in Int64(0)..<200 {
                let timers = (0..<5).map { key in
                    timer(incident, "k\(key)", at: Int64(generator.next() % 10_000) + Int64(round))
                }
                queue.replace(incidentID: incident, with: timers)
            }
        }
        #expect(queue.count == 1_000)
        let fired = queue.popDue(Timestamp(milliseconds: Int64.max / 2))
        #expect(fired.count == 1_000)
        #expect(zip(fired, fired.dropFirst()).allSatisfy { $0.due <= $1.due })
    }
}
