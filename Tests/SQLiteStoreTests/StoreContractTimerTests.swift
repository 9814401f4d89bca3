import SitrepCore
import Testing

/// `TimerStore`: replanning, pending order, exactly-once claims, for every backend.
@Suite struct StoreContractTimerTests {
    private let page = Fixtures.timer(1, .escalation, "tier-1", dueIn: 300, text: "alice")
    private let update = Fixtures.timer(1, .updateDue, "1795000000123", dueIn: 1800)
    private let remind = Fixtures.timer(1, .reminder, "1", dueIn: 600, text: "check the \u{0}LB")

    @Test(arguments: StoreBackend.allCases)
    func replaceAddsRemovesAndKeepsPendingTimers(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(2, in: store)
            let other = Fixtures.timer(2, .commanderMissing, "", dueIn: 60)
            try await store.replaceTimers(incidentID: 2, with: [other])
            try await store.replaceTimers(incidentID: 1, with: [page, update])
            #expect(try await store.pendingTimers() == [other, page, update])

            var moved = update
            moved.due = Fixtures.start.adding(.seconds(3600))
            moved.text = "moved"
            try await store.replaceTimers(incidentID: 1, with: [moved, remind])
            #expect(try await store.pendingTimers() == [other, remind, moved])

            try await store.replaceTimers(incidentID: 1, with: [moved, remind])
            #expect(try await store.pendingTimers() == [other, remind, moved], "replanning the same is a no-op")

            try await store.replaceTimers(incidentID: 1, with: [])
            #expect(try await store.pendingTimers() == [other], "another incident's timers are untouched")
            #expect(try await store.firedTimers(incidentID: 1).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func firedTimerSurvivesReplanningAndIsNeverRearmed(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            try await store.replaceTimers(incidentID: 1, with: [page, update])
            #expect(try await store.claimTimer(page.id, at: Fixtures.start.adding(.seconds(301))))

            try await store.replaceTimers(incidentID: 1, with: [update])
            #expect(try await store.firedTimers(incidentID: 1) == [page.id], "omitted from the plan, still fired")

            var later = page
            later.due = Fixtures.start.adding(.seconds(900))
            try await store.replaceTimers(incidentID: 1, with: [later, update])
            #expect(try await store.pendingTimers() == [update], "a fired timer is not resurrected")
            #expect(try await store.firedTimers(incidentID: 1) == [page.id])
            #expect(try await !store.claimTimer(page.id, at: Fixtures.start.adding(.seconds(901))))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func pendingTimersAreOrderedByDueThenIncidentKindAndKey(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(3, in: store)
            let plans: [Int64: [IncidentTimer]] = [
                3: [Fixtures.timer(3, .escalation, "tier-1", dueIn: 10), Fixtures.timer(3, .sla, "x", dueIn: 5)],
                1: [
                    Fixtures.timer(1, .roleUnset, "scribe", dueIn: 10),
                    Fixtures.timer(1, .roleUnset, "comms", dueIn: 10),
                    Fixtures.timer(1, .escalation, "tier-2", dueIn: 10),
                    Fixtures.timer(1, .escalation, "tier-10", dueIn: 10),
                ],
                2: [Fixtures.timer(2, .reminder, "1", dueIn: -30)],
            ]
            for (id, timers) in plans {
                try await store.replaceTimers(incidentID: id, with: timers)
            }
            let order = try await store.pendingTimers().map(\.id.description)
            #expect(
                order == [
                    "INC-2/reminder/1", "INC-3/sla/x", "INC-1/escalation/tier-10", "INC-1/escalation/tier-2",
                    "INC-1/roleUnset/comms", "INC-1/roleUnset/scribe", "INC-3/escalation/tier-1",
                ]
            )
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func timerIsClaimedOnceAndOnlyWhenPending(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            try await store.replaceTimers(incidentID: 1, with: [page, remind])
            #expect(try await store.claimTimer(remind.id, at: Fixtures.start))
            #expect(try await !store.claimTimer(remind.id, at: Fixtures.start))
            #expect(try await !store.claimTimer(update.id, at: Fixtures.start), "never planned")
            #expect(try await store.pendingTimers() == [page])
            #expect(try await store.firedTimers(incidentID: 1) == [remind.id])
            #expect(try await store.firedTimers(incidentID: 2).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func concurrentClaimsOfOneTimerHaveExactlyOneWinner(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            try await store.replaceTimers(incidentID: 1, with: [page, update])
            let id = page.id
            let wins = try await withThrowingTaskGroup(of: Bool.self) { group in
                for claimer in 0..<20 {
                    group.addTask { try await store.claimTimer(id, at: Fixtures.start.adding(.milliseconds(claimer))) }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(wins == 1)
            #expect(try await store.pendingTimers() == [update])
            #expect(try await store.firedTimers(incidentID: 1) == [id])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func replaceRejectsUnknownIncidentsAndForeignTimers(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            await #expect(throws: (any Error).self) {
                try await store.replaceTimers(incidentID: 7, with: [Fixtures.timer(7, .sla, "x", dueIn: 1)])
            }
            await #expect(throws: (any Error).self) {
                try await store.replaceTimers(incidentID: 1, with: [page, Fixtures.timer(7, .sla, "x", dueIn: 1)])
            }
            #expect(try await store.pendingTimers().isEmpty, "a rejected plan stores nothing")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func timersAndFiredMarksSurviveARestart(backend: StoreBackend) async throws {
        try await backend.withStorage { storage in
            let before = try await storage.open()
            try await Fixtures.declare(1, in: before.store)
            try await before.store.replaceTimers(incidentID: 1, with: [page, update, remind])
            #expect(try await before.store.claimTimer(page.id, at: Fixtures.start.adding(.seconds(300))))
            try before.close()

            let after = try await storage.open()
            defer { try? after.close() }
            let store = after.store
            #expect(try await store.pendingTimers() == [remind, update])
            #expect(try await store.firedTimers(incidentID: 1) == [page.id])
            #expect(try await !store.claimTimer(page.id, at: Fixtures.start.adding(.seconds(400))))
            try await store.replaceTimers(incidentID: 1, with: [page, update, remind])
            #expect(try await store.pendingTimers() == [remind, update])
            #expect(try await store.claimTimer(remind.id, at: Fixtures.start.adding(.seconds(600))))
        }
    }
}
