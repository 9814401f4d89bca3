import SitrepCore
import Testing

@Suite struct LeaseKeeperTests {
    let t0 = Timestamp(milliseconds: 1_000_000)
    func keeper() -> LeaseKeeper { LeaseKeeper(instance: "a", ttl: .seconds(9), safetyMargin: .seconds(1)) }
    func at(_ seconds: Double) -> Timestamp { t0.adding(.milliseconds(Int64(seconds * 1000))) }

    @Test func acquiringTheLeaseMakesTheInstanceActiveUntilTtlMinusMarginFromTheRequestStart() {
        var keeper = keeper()
        #expect(keeper.actingEpoch(at: t0) == nil)
        let lease = Lease(holder: "a", epoch: 4, expiresAt: at(9.2))
        #expect(keeper.observe(lease, requestStartedAt: t0, now: at(0.2)) == .becameActive(epoch: 4))
        #expect(keeper.validUntil == at(8), "counted from the request start, not the answer")
        #expect(keeper.actingEpoch(at: at(7.999)) == 4)
        #expect(keeper.actingEpoch(at: at(8)) == nil)
    }

    @Test func theStoresExpiryBoundsTheDeadlineWhenItIsEarlier() {
        var keeper = keeper()
        _ = keeper.observe(Lease(holder: "a", epoch: 1, expiresAt: at(5)), requestStartedAt: t0, now: t0)
        #expect(keeper.validUntil == at(4))
    }

    @Test func renewalsExtendTheDeadlineWithoutAnotherTransition() {
        var keeper = keeper()
        _ = keeper.observe(Lease(holder: "a", epoch: 2, expiresAt: at(9)), requestStartedAt: t0, now: t0)
        #expect(keeper.nextAttempt(after: t0) == at(1.5), "renews every ttl/6")
        #expect(keeper.observe(Lease(holder: "a", epoch: 2, expiresAt: at(12)), requestStartedAt: at(3), now: at(3.1)) == nil)
        #expect(keeper.validUntil == at(11))
        #expect(keeper.actingEpoch(at: at(10)) == 2)
    }

    @Test func failedRenewalsKeepTheInstanceActiveOnlyUntilItsDeadline() {
        var keeper = keeper()
        _ = keeper.observe(Lease(holder: "a", epoch: 2, expiresAt: at(9)), requestStartedAt: t0, now: t0)
        #expect(keeper.requestFailed(now: at(3)) == nil)
        #expect(keeper.requestFailed(now: at(6)) == nil)
        #expect(keeper.requestFailed(now: at(8)) == .steppedDown(reason: .deadlinePassed))
        #expect(keeper.role == .standby)
        #expect(keeper.actingEpoch(at: at(8)) == nil)
        #expect(keeper.nextAttempt(after: at(8)) == at(9.8), "a standby polls every ttl/5")
    }

    @Test func aPausedProcessThatWakesAfterItsDeadlineStepsDownBeforeActing() {
        var keeper = keeper()
        _ = keeper.observe(Lease(holder: "a", epoch: 7, expiresAt: at(9)), requestStartedAt: t0, now: t0)
        // Suspended (SIGSTOP, a long GC-like stall, a VM pause) for a minute; meanwhile b took the lease.
        let woke = at(60)
        #expect(keeper.actingEpoch(at: woke) == nil, "must not act even before it ticks")
        #expect(keeper.tick(now: woke) == .steppedDown(reason: .deadlinePassed))
        // Its delayed renewal answer, or a fresh read, shows the new holder: nothing more to do.
        #expect(keeper.observe(Lease(holder: "b", epoch: 8, expiresAt: at(69)), requestStartedAt: woke, now: woke) == nil)
        #expect(keeper.role == .standby)
    }

    @Test func seeingAnotherHolderStepsDownAtOnce() {
        var keeper = keeper()
        _ = keeper.observe(Lease(holder: "a", epoch: 3, expiresAt: at(9)), requestStartedAt: t0, now: t0)
        let change = keeper.observe(Lease(holder: "b", epoch: 4, expiresAt: at(12)), requestStartedAt: at(3), now: at(3))
        #expect(change == .steppedDown(reason: .leaseTaken(by: "b", epoch: 4)))
        #expect(keeper.actingEpoch(at: at(3)) == nil)
    }

    @Test func anAnswerThatArrivesAfterItsOwnDeadlineDoesNotActivate() {
        var keeper = keeper()
        let late = keeper.observe(Lease(holder: "a", epoch: 1, expiresAt: at(9)), requestStartedAt: t0, now: at(8.5))
        #expect(late == nil)
        #expect(keeper.role == .standby)
    }

    @Test func regainingTheLeaseUnderANewEpochIsAFreshStart() {
        var keeper = keeper()
        _ = keeper.observe(Lease(holder: "a", epoch: 1, expiresAt: at(9)), requestStartedAt: t0, now: t0)
        #expect(keeper.observe(Lease(holder: "a", epoch: 3, expiresAt: at(12)), requestStartedAt: at(3), now: at(3)) == .becameActive(epoch: 3))
        #expect(keeper.actingEpoch(at: at(4)) == 3)
    }

    @Test func releasingStepsDownOnlyWhenActive() {
        var standby = keeper()
        #expect(standby.release() == nil)
        var active = keeper()
        _ = active.observe(Lease(holder: "a", epoch: 1, expiresAt: at(9)), requestStartedAt: t0, now: t0)
        #expect(active.release() == .steppedDown(reason: .released))
        #expect(active.actingEpoch(at: t0) == nil)
    }
}
