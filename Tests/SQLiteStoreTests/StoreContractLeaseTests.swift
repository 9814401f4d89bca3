import SitrepCore
import Testing

/// `LeaseStore`: one holder at a time, epochs that grow on every change of holder, for every backend.
@Suite struct StoreContractLeaseTests {
    let t0 = Fixtures.start
    let ttl = Duration.seconds(10)

    @Test(arguments: StoreBackend.allCases)
    func theFirstInstanceTakesAFreeLeaseAndRenewsItUnderTheSameEpoch(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            #expect(try await store.currentLease() == nil)
            let first = try await store.acquireLease(holder: "a", ttl: ttl, now: t0)
            #expect(first == Lease(holder: "a", epoch: 1, expiresAt: t0.adding(ttl)))
            let renewed = try await store.acquireLease(holder: "a", ttl: ttl, now: t0.adding(.seconds(3)))
            #expect(renewed == Lease(holder: "a", epoch: 1, expiresAt: t0.adding(.seconds(13))))
            #expect(try await store.currentLease() == renewed)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aHeldLeaseIsNotTakenAndALapsedOneIsTakenUnderTheNextEpoch(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let held = try await store.acquireLease(holder: "a", ttl: ttl, now: t0)
            #expect(try await store.acquireLease(holder: "b", ttl: ttl, now: t0.adding(.seconds(9))) == held)
            let taken = try await store.acquireLease(holder: "b", ttl: ttl, now: t0.adding(.seconds(10)))
            #expect(taken == Lease(holder: "b", epoch: 2, expiresAt: t0.adding(.seconds(20))))
            // The old holder, back from a pause, finds b there: its renewal is refused.
            #expect(try await store.acquireLease(holder: "a", ttl: ttl, now: t0.adding(.seconds(11))) == taken)
            // And if b lapses too, a comes back under a new epoch, never its old one.
            let back = try await store.acquireLease(holder: "a", ttl: ttl, now: t0.adding(.seconds(30)))
            #expect(back.epoch == 3)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func releasingLetsAStandbyTakeOverAtOnceButOnlyTheHolderCanRelease(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let held = try await store.acquireLease(holder: "a", ttl: ttl, now: t0)
            try await store.releaseLease(holder: "b", epoch: held.epoch)
            try await store.releaseLease(holder: "a", epoch: held.epoch + 1)
            #expect(try await store.acquireLease(holder: "b", ttl: ttl, now: t0.adding(.seconds(1))) == held)
            try await store.releaseLease(holder: "a", epoch: held.epoch)
            let taken = try await store.acquireLease(holder: "b", ttl: ttl, now: t0.adding(.seconds(1)))
            #expect(taken == Lease(holder: "b", epoch: 2, expiresAt: t0.adding(.seconds(11))))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func ofManyInstancesRacingForAFreeLeaseExactlyOneGetsIt(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let results = try await withThrowingTaskGroup(of: (String, Lease).self) { group in
                for index in 0..<8 {
                    group.addTask { ("i\(index)", try await store.acquireLease(holder: "i\(index)", ttl: ttl, now: t0)) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            let winners = results.filter { $0.0 == $0.1.holder }
            #expect(winners.count == 1)
            #expect(Set(results.map(\.1)).count == 1, "everyone sees the same lease")
            #expect(results.first?.1.epoch == 1)
        }
    }
}
