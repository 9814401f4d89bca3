import SitrepCore
import Testing

/// `append(_:token:)` is idempotent per token, for every backend: the batch a writer repeats after an error
/// (on PostgreSQL, a host lost while it committed: `commitOutcomeUnknown`) is stored once, and the chain holds.
@Suite struct StoreContractAppendTokenTests {
    @Test(arguments: StoreBackend.allCases)
    func aBatchRepeatedWithItsTokenIsStoredOnce(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ids = try await Fixtures.declare(2, in: store)
            let batch = [Fixtures.line(ids[0], "first"), Fixtures.line(ids[1], "other"), Fixtures.line(ids[0], "second")]
            let token = AppendToken()
            try await store.append(batch, token: token)
            // The writer did not hear back and tries again; meanwhile nothing else was written.
            try await store.append(batch, token: token)
            try await store.append([Fixtures.line(ids[0], "third")])
            // A late repeat, after other lines, still changes nothing.
            try await store.append(batch, token: token)
            let first = try await store.timeline(incidentID: ids[0], limit: nil, keyEventsOnly: false)
            #expect(first.map(\.text) == ["first", "second", "third"])
            #expect(first.map(\.sequence) == [1, 2, 3])
            #expect(try await store.timeline(incidentID: ids[1], limit: nil, keyEventsOnly: false).map(\.text) == ["other"])
            for id in ids { #expect(try await store.verify(incidentID: id).brokenAt == nil) }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func theSameLinesUnderAnotherTokenAreAnotherBatch(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ids = try await Fixtures.declare(1, in: store)
            let batch = [Fixtures.line(ids[0], "+1")]
            try await store.append(batch, token: AppendToken())
            try await store.append(batch, token: AppendToken())
            try await store.append(batch)
            try await store.append(batch)
            let timeline = try await store.timeline(incidentID: ids[0], limit: nil, keyEventsOnly: false)
            #expect(timeline.map(\.text) == ["+1", "+1", "+1", "+1"], "a line said again is a line of its own")
        }
    }

    @Test func tokensAreRandomHexOf128Bits() {
        let tokens = (0..<1_000).map { _ in AppendToken().value }
        #expect(Set(tokens).count == tokens.count)
        #expect(tokens.allSatisfy { $0.count == 32 && $0.allSatisfy(\.isHexDigit) })
        let pruning = tokens.filter { AppendToken($0).prunes }.count
        #expect((20...120).contains(pruning), "about one write in sixteen prunes old tokens: \(pruning)")
    }
}
