import SitrepCore
import Testing

/// Stream checkpoints (a Matrix `next_batch`), for every backend: stored in the same transaction as the lines of
/// the batch they follow, so a restart resumes after exactly what was recorded.
@Suite struct StoreContractCheckpointTests {
    @Test(arguments: StoreBackend.allCases)
    func aCheckpointIsStoredWithItsLinesAndSurvivesARestart(backend: StoreBackend) async throws {
        try await backend.withStorage { storage in
            let before = try await storage.open()
            try await Fixtures.declare(1, in: before.store)
            #expect(try await before.store.checkpoint(stream: "matrix") == nil)
            try await before.store.append(
                [Fixtures.line(1, "one"), Fixtures.line(1, "two")],
                checkpoint: StreamCheckpoint(stream: "matrix", position: "s1_1"))
            try await before.store.append(
                [], checkpoint: StreamCheckpoint(
                    stream: "matrix", position: "s2_2", alongside: [StreamCheckpoint(stream: "matrix.crypto", position: "keys")]))
            try await before.store.append([], checkpoint: StreamCheckpoint(stream: "other", position: "x"))
            try before.close()

            let after = try await storage.open()
            defer { try? after.close() }
            #expect(try await after.store.checkpoint(stream: "matrix") == "s2_2")
            #expect(try await after.store.checkpoint(stream: "other") == "x")
            #expect(try await after.store.checkpoint(stream: "matrix.crypto") == "keys")
            let texts = try await after.store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false).map(\.text)
            #expect(texts.suffix(2) == ["one", "two"])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func aFailedBatchMovesNeitherTheLinesNorTheCheckpoint(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            try await store.append(
                [Fixtures.line(1, "kept")], checkpoint: StreamCheckpoint(stream: "matrix", position: "a"))
            let count = try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false).count
            await #expect(throws: (any Error).self) {
                try await store.append(
                    [Fixtures.line(1, "lost"), Fixtures.line(42, "orphan")],
                    checkpoint: StreamCheckpoint(
                        stream: "matrix", position: "b",
                        alongside: [StreamCheckpoint(stream: "matrix.crypto", position: "lost")]))
            }
            #expect(try await store.checkpoint(stream: "matrix") == "a")
            #expect(try await store.checkpoint(stream: "matrix.crypto") == nil, "state alongside moves with its batch")
            #expect(try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false).count == count)
        }
    }
}
