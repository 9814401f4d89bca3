import SitrepCore
import Testing

/// On-call overrides, for every backend.
@Suite struct StoreContractOnCallTests {
    func override(
        _ person: ChatIdentity, schedule: String = "ops", from start: Int, until end: Int, by creator: ChatIdentity
    ) -> OnCallOverride {
        OnCallOverride(
            schedule: schedule, person: person, start: Fixtures.start.adding(.seconds(start)),
            end: Fixtures.start.adding(.seconds(end)), createdBy: creator, createdAt: Fixtures.start)
    }

    @Test(arguments: StoreBackend.allCases)
    func overridesComeBackWithIncreasingIDsOldestFirst(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let alice = ChatIdentity.account("alice"), bob = ChatIdentity.nick("bob_")
            let matrix = ChatIdentity.account("@carol:example.org", network: "matrix")
            let first = try await store.addOnCallOverride(override(alice, from: 0, until: 3600, by: bob))
            let second = try await store.addOnCallOverride(override(matrix, schedule: "dba", from: 60, until: 7200, by: alice))
            let third = try await store.addOnCallOverride(override(bob, from: 1800, until: 5400, by: bob))
            #expect(first.id != nil && first.id! < second.id! && second.id! < third.id!)
            var expected = override(alice, from: 0, until: 3600, by: bob)
            expected.id = first.id
            #expect(first == expected)

            #expect(try await store.onCallOverrides(schedule: nil, endingAfter: Fixtures.start) == [first, second, third])
            #expect(try await store.onCallOverrides(schedule: "ops", endingAfter: Fixtures.start) == [first, third])
            #expect(try await store.onCallOverrides(schedule: "dba", endingAfter: Fixtures.start) == [second])
            // Ended ones are left out: ending exactly at `after` counts as ended.
            let later = Fixtures.start.adding(.seconds(3600))
            #expect(try await store.onCallOverrides(schedule: "ops", endingAfter: later) == [third])
            #expect(try await store.onCallOverrides(schedule: "none", endingAfter: Fixtures.start).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func overridesSurviveARestart(backend: StoreBackend) async throws {
        try await backend.withStorage { storage in
            let opened = try await storage.open()
            let stored = try await opened.store.addOnCallOverride(
                override(.account("alice"), from: 0, until: 60, by: .account("bob")))
            try opened.close()
            let reopened = try await storage.open()
            defer { try? reopened.close() }
            #expect(try await reopened.store.onCallOverrides(schedule: "ops", endingAfter: Fixtures.start) == [stored])
        }
    }
}
