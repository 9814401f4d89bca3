import SitrepCore
import Testing

/// The lease through an outage of the store (a database failover): the keeper's own timing (`nextAttempt`,
/// `requestTimeout`) driven by a simulated loop with injected time, the store unreachable from a moment anywhere
/// in the renewal cycle until a promoted standby answers.
@Suite struct LeaseKeeperOutageTests {
    let t0 = Timestamp(milliseconds: 5_000_000)
    func at(_ seconds: Double) -> Timestamp { t0.adding(.milliseconds(Int64((seconds * 1000).rounded()))) }

    /// The default pair: a 6 s lease, as `sitrep run` configures it.
    func activeKeeper() -> LeaseKeeper {
        var keeper = LeaseKeeper(instance: "a", ttl: .seconds(6), pollInterval: .milliseconds(600))
        _ = keeper.observe(Lease(holder: "a", epoch: 1, expiresAt: at(6)), requestStartedAt: t0, now: t0)
        return keeper
    }

    @Test func aFailedRenewalIsRetriedWithinAFractionOfASecondNotAfterAnotherInterval() {
        var keeper = activeKeeper()
        #expect(keeper.nextAttempt(after: at(0)) == at(1), "renews every ttl/6 while the store answers")
        #expect(keeper.requestFailed(now: at(1.5)) == nil)
        #expect(keeper.nextAttempt(after: at(1.5)) == at(1.6))
        _ = keeper.requestFailed(now: at(1.6))
        #expect(keeper.nextAttempt(after: at(1.6)) == at(1.8))
        _ = keeper.requestFailed(now: at(1.8))
        _ = keeper.requestFailed(now: at(2.2))
        #expect(keeper.nextAttempt(after: at(2.2)) == at(2.6), "the backoff stops at 400 ms")
        _ = keeper.observe(Lease(holder: "a", epoch: 1, expiresAt: at(8.6)), requestStartedAt: at(2.6), now: at(2.7))
        #expect(keeper.nextAttempt(after: at(2.7)) == at(3.7), "back to the normal interval once renewed")
    }

    @Test func aRenewalRequestMayNeverRunPastTheDeadline() {
        var keeper = activeKeeper()
        #expect(keeper.validUntil == at(5.4))
        #expect(keeper.requestTimeout(at: at(1)) == .seconds(1))
        #expect(keeper.requestTimeout(at: at(5)) == .milliseconds(400))
        _ = keeper.requestFailed(now: at(5.3))
        #expect(keeper.nextAttempt(after: at(5.3)) == at(5.4), "a retry is never planned after the deadline")
        var standby = LeaseKeeper(instance: "b", ttl: .seconds(6))
        #expect(standby.requestTimeout(at: t0) == .seconds(1))
        #expect(standby.requestFailed(now: t0) == nil)
        #expect(standby.nextAttempt(after: t0) == at(1.2), "a standby keeps its poll interval")
    }

    @Test func theDeadlineStillEndsTheLeaseWhenTheStoreNeverComesBack() {
        let outcome = Self.simulate(keeper: activeKeeper(), storeLostAt: at(0.5), storeBackAt: nil, until: at(10))
        #expect(outcome.steppedDownAt == at(5.4), "steps down exactly at its deadline, not before")
    }

    /// The primary stopped at any moment of the renewal cycle and the standby promoted and found within 3.5 s:
    /// the active instance keeps its lease throughout.
    @Test(arguments: stride(from: 0.0, to: 2.0, by: 0.05).map { $0 })
    func aStoreOutageShorterThanTheLeaseNeverCostsTheLease(stoppedAt offset: Double) {
        let lost = at(10 + offset)
        let outcome = Self.simulate(keeper: activeKeeper(), storeLostAt: lost, storeBackAt: lost.adding(.milliseconds(3_500)), until: at(25))
        #expect(outcome.steppedDownAt == nil, "stepped down at \(outcome.steppedDownAt.map { "\($0.milliseconds - t0.milliseconds) ms" } ?? "-")")
        #expect(outcome.tightestMargin > .milliseconds(300), "the closest the lease came to lapsing: \(outcome.tightestMargin)")
    }

    /// What a loop like `FailoverService`'s does with the keeper, against a store that answers in 20 ms, except
    /// from `storeLostAt` until `storeBackAt`, when requests wait (the store selecting a host again) and are
    /// answered at `storeBackAt` unless their timeout comes first. Returns when the keeper stepped down, if it did,
    /// and the smallest time left before the deadline seen at any moment.
    static func simulate(
        keeper start: LeaseKeeper, storeLostAt lost: Timestamp, storeBackAt back: Timestamp?, until end: Timestamp
    ) -> (steppedDownAt: Timestamp?, tightestMargin: Duration) {
        var keeper = start
        let latency = Duration.milliseconds(20)
        let wake = Duration.milliseconds(100)
        var now = Timestamp(milliseconds: start.validUntil!.milliseconds - 5_400)
        var next = keeper.nextAttempt(after: now)
        var tightest = Duration.seconds(3600)
        while now < end {
            if case .steppedDown = keeper.tick(now: now) { return (now, tightest) }
            if now >= next {
                let started = now
                let timeout = keeper.requestTimeout(at: started)
                // A request sent before the host went and answered before it did is fine; one caught by the outage
                // is answered once the store has a host again (the store repeats it there).
                let answeredAt: Timestamp? =
                    if started.adding(latency) < lost || back.map({ started >= $0 }) == true { started.adding(latency) }
                    else { back.map { $0.adding(latency) } }
                let transition: LeaseKeeper.Transition?
                if let answeredAt, started.duration(to: answeredAt) <= timeout {
                    now = answeredAt
                    let lease = Lease(holder: "a", epoch: 1, expiresAt: started.adding(keeper.ttl))
                    transition = keeper.observe(lease, requestStartedAt: started, now: now)
                } else {
                    now = started.adding(timeout)
                    transition = keeper.requestFailed(now: now)
                }
                if case .steppedDown = transition { return (now, tightest) }
                next = keeper.nextAttempt(after: now)
            }
            if let validUntil = keeper.validUntil { tightest = min(tightest, now.duration(to: validUntil)) }
            now = now.adding(wake)
        }
        return (nil, tightest)
    }
}
