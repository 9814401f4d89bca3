import SitrepCore
import Testing

/// Restarts and concurrency, for every backend.
@Suite struct StoreContractRestartTests {
    @Test(arguments: StoreBackend.allCases)
    func reopeningFindsEverythingAndContinuesNumbering(backend: StoreBackend) async throws {
        try await backend.withStorage { storage in
            let before = try await storage.open()
            let store = before.store
            try await Fixtures.declare(2, in: store)
            try await store.commit(Fixtures.fullyPopulated(2), entries: [Fixtures.line(2, "resolved")])
            try await store.append((1...5).map { Fixtures.line(1, "line \($0)") })
            try await store.markKeyEvent(incidentID: 1, sequence: 3)
            let followUp = try await store.addFollowUp(
                incidentID: 1,
                text: "fix it",
                owner: nil,
                createdBy: Fixtures.bob,
                at: Fixtures.start
            )
            try await store.heartbeat(Fixtures.start.adding(.seconds(5)))
            let timeline = try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
            try before.close()

            let after = try await storage.open()
            defer { try? after.close() }
            let reopened = after.store
            #expect(try await reopened.incident(id: 1) == Fixtures.incident(1))
            #expect(try await reopened.incident(id: 2) == Fixtures.fullyPopulated(2))
            #expect(try await reopened.timeline(incidentID: 1, limit: nil, keyEventsOnly: false) == timeline)
            #expect(try await reopened.timeline(incidentID: 1, limit: nil, keyEventsOnly: true).map(\.sequence) == [3])
            #expect(try await reopened.followUps(incidentID: nil, openOnly: true) == [followUp])
            #expect(try await reopened.lastHeartbeat() == Fixtures.start.adding(.seconds(5)))

            let third = try await reopened.declare({ Fixtures.incident($0) }, entries: { _ in [] })
            #expect(third.id == 3)
            try await reopened.append([Fixtures.line(1, "after restart"), Fixtures.line(2, "also")])
            #expect(try await reopened.timeline(incidentID: 1, limit: 1, keyEventsOnly: false).first?.sequence == 6)
            #expect(try await reopened.timeline(incidentID: 2, limit: 1, keyEventsOnly: false).first?.sequence == 2)
            let next = try await reopened.addFollowUp(
                incidentID: 3,
                text: "next",
                owner: nil,
                createdBy: Fixtures.bob,
                at: Fixtures.start
            )
            #expect(next.id > followUp.id)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func concurrentAppendsLoseNothingAndKeepEachTasksOrder(backend: StoreBackend) async throws {
        let tasks = 8
        let batches = 40
        let batchSize = 25
        try await backend.withStore { store in
            let ids = try await Fixtures.declare(3, in: store)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for task in 0..<tasks {
                    group.addTask {
                        for batch in 0..<batches {
                            let entries = (0..<batchSize).map { index in
                                let line = batch * batchSize + index
                                return Fixtures.line(ids[(task + line) % ids.count], "\(task) \(line)")
                            }
                            try await store.append(entries)
                        }
                    }
                }
                try await group.waitForAll()
            }
            var total = 0
            for id in ids {
                let timeline = try await store.timeline(incidentID: id, limit: nil, keyEventsOnly: false)
                #expect(timeline.map(\.sequence) == Array(1...Int64(timeline.count)))
                var lastLine: [Int: Int] = [:]
                for entry in timeline {
                    let parts = entry.text.split(separator: " ").compactMap { Int($0) }
                    let (task, line) = (parts[0], parts[1])
                    #expect(line > lastLine[task, default: -1], "task \(task) out of order in incident \(id)")
                    lastLine[task] = line
                }
                total += timeline.count
            }
            #expect(total == tasks * batches * batchSize)
        }
    }
}
