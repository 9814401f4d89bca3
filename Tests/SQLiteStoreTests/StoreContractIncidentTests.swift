import SitrepCore
import Testing

/// `declare`, `commit` and the incident reads, for every backend.
@Suite struct StoreContractIncidentTests {
    @Test(arguments: StoreBackend.allCases)
    func declareAllocatesConsecutiveIDsFromOne(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            var seen: [Int64] = []
            for _ in 0..<3 {
                let incident = try await store.declare({ Fixtures.incident($0) }, entries: { _ in [] })
                seen.append(incident.id)
                #expect(incident.channel.name == "#inc-\(incident.id)")
            }
            #expect(seen == [1, 2, 3])
            #expect(try await store.incident(id: 2) == Fixtures.incident(2))
            #expect(try await store.incident(id: 4) == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func declareStoresItsEntriesWithSequencesFromOne(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let incident = try await store.declare({ Fixtures.incident($0) }) { incident in
                [
                    Fixtures.line(incident.id, "declared \(incident.title)", kind: .lifecycle),
                    Fixtures.line(incident.id, "paged on-call", kind: .bot),
                ]
            }
            let timeline = try await store.timeline(incidentID: incident.id, limit: nil, keyEventsOnly: false)
            #expect(timeline.map(\.sequence) == [1, 2])
            #expect(timeline.map(\.text) == ["declared api down", "paged on-call"])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func failedDeclareLeavesNoIncidentAndNoEntries(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            await #expect(throws: (any Error).self) {
                _ = try await store.declare({ Fixtures.incident($0) }) { incident in
                    [Fixtures.line(incident.id, "declared"), Fixtures.line(incident.id + 100, "nowhere")]
                }
            }
            #expect(try await store.incident(id: 1) == nil)
            #expect(try await store.openIncidents().isEmpty)
            let next = try await store.declare({ Fixtures.incident($0) }, entries: { _ in [] })
            #expect(next.id == 1)
            #expect(try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func commitWritesThePrecedingLinesFirstAndAllOrNothing(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            try await Fixtures.declare(2, in: store)
            var acknowledged = Fixtures.incident(1)
            acknowledged.acknowledgedAt = Timestamp(milliseconds: 5_000)
            let before = [Fixtures.line(1, "said before"), Fixtures.line(2, "elsewhere"), Fixtures.line(1, "/ack")]
            try await store.commit(acknowledged, entries: [Fixtures.line(1, "acknowledged", kind: .lifecycle)],
                after: before)
            let timeline = try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
            #expect(timeline.map(\.text) == ["said before", "/ack", "acknowledged"])
            #expect(try await store.incident(id: 1)?.acknowledgedAt == Timestamp(milliseconds: 5_000))

            await #expect(throws: (any Error).self) {
                try await store.commit(Fixtures.incident(9), entries: [], after: [Fixtures.line(1, "lost with it")])
            }
            let after = try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
            #expect(after.map(\.text) == ["said before", "/ack", "acknowledged"], "a failed commit writes no line")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func commitPersistsEveryFieldAndClearsNilOnes(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            let full = Fixtures.fullyPopulated(1)
            try await store.commit(full, entries: [Fixtures.line(1, "resolved", kind: .lifecycle)])
            #expect(try await store.incident(id: 1) == full)

            let cleared = Fixtures.incident(1)
            try await store.commit(cleared, entries: [])
            #expect(try await store.incident(id: 1) == cleared)
            #expect(try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false).count == 1)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func failedCommitChangesNothing(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            await #expect(throws: (any Error).self) {
                try await store.commit(Fixtures.fullyPopulated(1), entries: [Fixtures.line(7, "unknown incident")])
            }
            #expect(try await store.incident(id: 1) == Fixtures.incident(1))
            await #expect(throws: (any Error).self) {
                try await store.commit(Fixtures.incident(5), entries: [])
            }
            #expect(try await store.incident(id: 5) == nil)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func openIncidentsExcludeClosedAndCancelledInIDOrder(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(5, in: store)
            let states: [Int64: IncidentState] = [1: .closed, 2: .mitigated, 3: .cancelled, 4: .resolved]
            for (id, state) in states {
                var incident = Fixtures.incident(id)
                incident.state = state
                try await store.commit(incident, entries: [])
            }
            #expect(try await store.openIncidents().map(\.id) == [2, 4, 5])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func incidentByChannelIsTheLatestOneRunThere(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let war = ChatChannel(name: "#war-room")
            for _ in 0..<3 {
                _ = try await store.declare(
                    { id in
                        var incident = Fixtures.incident(id)
                        if id != 2 { incident.channel = war }
                        return incident
                    },
                    entries: { _ in [] }
                )
            }
            #expect(try await store.incident(channel: war)?.id == 3)
            #expect(try await store.incident(channel: ChatChannel(name: "#WAR-Room"))?.id == 3)
            #expect(try await store.incident(channel: ChatChannel(name: "#inc-2"))?.id == 2)
            #expect(try await store.incident(channel: ChatChannel(network: "matrix", name: "#war-room")) == nil)
            #expect(try await store.incident(channel: ChatChannel(name: "#elsewhere")) == nil)
        }
    }
}
