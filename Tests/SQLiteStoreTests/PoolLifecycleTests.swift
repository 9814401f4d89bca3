import Testing

@testable import PostgresStore

/// The connector's rules without a server: who waits for a pool, who gets which one, and when waiting ends.
struct PoolLifecycleTests {
    private typealias Lifecycle = PoolLifecycle<String, Int>
    private let start = ContinuousClock.now

    private func isWaiting(_ lease: Lifecycle.Lease) -> Bool {
        if case .wait = lease { return true }
        return false
    }

    @Test func operationsArrivingWhileConnectingGetTheFirstPool() {
        var lifecycle = Lifecycle(failoverTimeout: .seconds(30))
        #expect(isWaiting(lifecycle.clientRequested(1, now: start)))
        #expect(isWaiting(lifecycle.clientRequested(2, now: start)))
        let ready = lifecycle.poolReady("db1")
        #expect(ready.waiters == [1, 2])
        #expect(lifecycle.current?.client == "db1")
    }

    @Test func aFailedFirstSelectionFailsEveryWaiterAndStops() {
        var lifecycle = Lifecycle(failoverTimeout: .seconds(30))
        _ = lifecycle.clientRequested(1, now: start)
        let failed = lifecycle.selectionFailed(.noWritableHost(attempts: []), now: start + .seconds(99))
        #expect(failed.expired == [1])
        #expect(!failed.retry)
        guard case .fail(.noWritableHost) = lifecycle.clientRequested(2, now: start) else {
            Issue.record("a later operation must fail with the reason")
            return
        }
    }

    @Test func aLostHostMakesOperationsWaitForTheNextPoolUntilTheirDeadline() {
        var lifecycle = Lifecycle(failoverTimeout: .seconds(10))
        let first = lifecycle.poolReady("db1")
        let lost = lifecycle.hostLost(generation: first.generation)
        let lostAgain = lifecycle.hostLost(generation: first.generation)
        #expect(lost)
        #expect(!lostAgain, "a second report changes nothing")
        #expect(isWaiting(lifecycle.clientRequested(1, now: start)))
        #expect(isWaiting(lifecycle.clientRequested(2, now: start + .seconds(5))))
        let round = lifecycle.selectionFailed(.noWritableHost(attempts: []), now: start + .seconds(11))
        #expect(round.expired == [1], "only the operation past its 10 s waited too long")
        #expect(round.retry, "selection keeps trying")
        let second = lifecycle.poolReady("db2")
        #expect(second.waiters == [2])
        #expect(second.generation == first.generation + 1)
    }

    @Test func aReportAboutAnOlderPoolIsIgnored() {
        var lifecycle = Lifecycle(failoverTimeout: .seconds(10))
        let first = lifecycle.poolReady("db1")
        _ = lifecycle.hostLost(generation: first.generation)
        _ = lifecycle.poolReady("db2")
        let stale = lifecycle.hostLost(generation: first.generation)
        #expect(!stale)
        #expect(lifecycle.current?.client == "db2")
    }

    @Test func closingFailsTheWaitersAndEveryLaterRequest() {
        var lifecycle = Lifecycle(failoverTimeout: .seconds(10))
        _ = lifecycle.hostLost(generation: lifecycle.poolReady("db1").generation)
        _ = lifecycle.clientRequested(1, now: start)
        #expect(lifecycle.closed() == [1])
        guard case .fail(.closed) = lifecycle.clientRequested(2, now: start) else {
            Issue.record("a closed store refuses operations")
            return
        }
        #expect(lifecycle.poolReady("db2").waiters.isEmpty)
        #expect(lifecycle.current == nil, "a pool finished after close is not handed out")
    }
}
