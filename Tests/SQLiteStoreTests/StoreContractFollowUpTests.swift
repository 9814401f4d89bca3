import SitrepCore
import Testing

/// Follow-ups and the heartbeat, for every backend.
@Suite struct StoreContractFollowUpTests {
    @Test(arguments: StoreBackend.allCases)
    func followUpsHaveGlobalIncreasingIDsAndOutliveTheirIncident(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(2, in: store)
            let first = try await store.addFollowUp(
                incidentID: 1,
                text: "rotate certs",
                owner: "bob_",
                createdBy: Fixtures.alice,
                at: Fixtures.start
            )
            let second = try await store.addFollowUp(
                incidentID: 2,
                text: "add alert",
                owner: nil,
                createdBy: Fixtures.bob,
                at: Fixtures.start
            )
            let third = try await store.addFollowUp(
                incidentID: 1,
                text: "write review",
                owner: nil,
                createdBy: Fixtures.carol,
                at: Fixtures.start
            )
            #expect(first.id < second.id && second.id < third.id)
            #expect(first.state == .open && first.doneAt == nil && first.owner == "bob_")

            var closed = Fixtures.incident(1)
            closed.state = .closed
            try await store.commit(closed, entries: [])

            let done = try await store.completeFollowUp(id: first.id, at: Fixtures.start.adding(.seconds(60)))
            #expect(done?.state == .done)
            #expect(done?.doneAt == Fixtures.start.adding(.seconds(60)))
            let again = try await store.completeFollowUp(id: first.id, at: Fixtures.start.adding(.seconds(90)))
            #expect(again == done)
            #expect(try await store.completeFollowUp(id: 999, at: Fixtures.start) == nil)

            #expect(try await store.followUps(incidentID: nil, openOnly: true).map(\.id) == [second.id, third.id])
            #expect(try await store.followUps(incidentID: 1, openOnly: true) == [third])
            let all = try await store.followUps(incidentID: 1, openOnly: false)
            #expect(all.map(\.id) == [first.id, third.id])
            #expect(all.first == done)
            #expect(try await store.followUps(incidentID: nil, openOnly: false).count == 3)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func followUpForAnUnknownIncidentFails(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            await #expect(throws: (any Error).self) {
                _ = try await store.addFollowUp(
                    incidentID: 3,
                    text: "x",
                    owner: nil,
                    createdBy: Fixtures.alice,
                    at: Fixtures.start
                )
            }
            let followUps = try await store.followUps(incidentID: nil, openOnly: false)
            #expect(followUps.isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func heartbeatKeepsTheLatestTime(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            #expect(try await store.lastHeartbeat() == nil)
            try await store.heartbeat(Fixtures.start)
            #expect(try await store.lastHeartbeat() == Fixtures.start)
            try await store.heartbeat(Fixtures.start.adding(.seconds(30)))
            #expect(try await store.lastHeartbeat() == Fixtures.start.adding(.seconds(30)))
        }
    }
}
