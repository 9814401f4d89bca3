import SitrepCore
import Testing

/// The status page's reads, for every backend.
@Suite struct StoreContractStatusTests {
    /// Incidents 1…6 in the given states, resolved (when set) at `start` plus the given seconds.
    private func seed(_ store: any IncidentStore, _ rows: [(IncidentState, Int64?)]) async throws {
        try await Fixtures.declare(rows.count, in: store)
        for (index, (state, resolvedAfter)) in rows.enumerated() {
            var incident = Fixtures.incident(Int64(index + 1))
            incident.state = state
            incident.resolvedAt = resolvedAfter.map { Fixtures.start.adding(.seconds($0)) }
            if state == .closed { incident.closedAt = Fixtures.start.adding(.seconds(10_000)) }
            try await store.commit(incident, entries: [])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func resolvedIncidentsAreResolvedOrClosedSinceTheCutoffLatestFirst(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await seed(
                store,
                [
                    (.resolved, 100),  // 1: resolved before the cutoff
                    (.closed, 500),  // 2
                    (.investigating, nil),  // 3: open
                    (.resolved, 900),  // 4
                    (.cancelled, nil),  // 5: cancelled, never resolved
                    (.closed, 500),  // 6: same time as 2, higher id first
                ])
            let since = Fixtures.start.adding(.seconds(200))
            #expect(try await store.resolvedIncidents(since: since, limit: 10).map(\.id) == [4, 6, 2])
            #expect(try await store.resolvedIncidents(since: since, limit: 2).map(\.id) == [4, 6])
            #expect(try await store.resolvedIncidents(since: since, limit: 0).isEmpty)
            #expect(try await store.resolvedIncidents(since: Fixtures.start, limit: 10).map(\.id) == [4, 6, 2, 1])
            let full = try await store.resolvedIncidents(since: since, limit: 1)
            #expect(full.first == (try await store.incident(id: 4)), "the whole incident comes back")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func reopenedIncidentLeavesTheResolvedList(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await seed(store, [(.resolved, 100)])
            #expect(try await store.resolvedIncidents(since: Fixtures.start, limit: 5).map(\.id) == [1])
            var reopened = Fixtures.incident(1)
            reopened.state = .investigating
            reopened.resolvedAt = Fixtures.start.adding(.seconds(100))  // the state decides, not a stale time
            try await store.commit(reopened, entries: [])
            #expect(try await store.resolvedIncidents(since: Fixtures.start, limit: 5).isEmpty)
        }
    }
}
