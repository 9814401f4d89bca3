import SQLiteStore
import SitrepCore
import SitrepTestSupport
import Testing
import StoreKit

/// The tamper-evident chain (`TimelineIntegrityStore`), for every backend: intact through every write path
/// and a restart, recomputable by anyone from the stored entries.
@Suite struct StoreContractChainTests {
    @Test(arguments: StoreBackend.allCases)
    func chainIsIntactAfterManyInterleavedBatchesCommitsAndMarks(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ids = try await Fixtures.declare(3, in: store)
            var generator = SplitMix64(seed: 7)
            for batch in 0..<40 {
                let size = Int(generator.next() % 70) + 1
                try await store.append((0..<size).map { Fixtures.line(ids[Int(generator.next() % 3)], "b\(batch) \($0)") })
            }
            try await store.commit(
                Fixtures.fullyPopulated(2), entries: [Fixtures.line(2, "resolved", kind: .lifecycle)],
                after: [Fixtures.line(1, "before"), Fixtures.line(2, "before")])
            try await store.markKeyEvent(incidentID: 1, sequence: 3)
            for id in ids {
                let timeline = try await store.timeline(incidentID: id, limit: nil, keyEventsOnly: false)
                let verification = try await store.integrity.verify(incidentID: id)
                let head = try await store.integrity.chainHead(incidentID: id)
                #expect(verification == .intact(count: timeline.count, head: head.hash))
                #expect(head.sequence == Int64(timeline.count))
                #expect(try await Self.recompute(id, store.integrity) == head.hash)
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func chainContinuesAcrossARestart(backend: StoreBackend) async throws {
        try await backend.withStorage { storage in
            let before = try await storage.open()
            try await Fixtures.declare(2, in: before.store)
            try await before.store.append((1...50).map { Fixtures.line(1 + Int64($0 % 2), "line \($0)") })
            let headBefore = try await before.store.integrity.chainHead(incidentID: 1)
            try before.close()

            let after = try await storage.open()
            defer { try? after.close() }
            #expect(try await after.store.integrity.chainHead(incidentID: 1) == headBefore)
            try await after.store.append((51...80).map { Fixtures.line(1 + Int64($0 % 2), "line \($0)") })
            for id: Int64 in [1, 2] {
                let verification = try await after.store.integrity.verify(incidentID: id)
                #expect(verification == .intact(count: 40, head: try await Self.recompute(id, after.store.integrity)))
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func emptyAndUnknownIncidentsAreIntactAtGenesis(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            let genesis = SHA256ChainHasher().genesis(incidentID: 1)
            #expect(try await store.integrity.verify(incidentID: 1) == .intact(count: 0, head: genesis))
            #expect(try await store.integrity.chainHead(incidentID: 1) == ChainHead(sequence: 0, hash: genesis))
            #expect(try await store.integrity.incidentIDs() == [1])
            #expect(try await store.integrity.chainedEntries(incidentID: 1, after: 0, limit: 10).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func chainedEntriesPageInSequenceOrderWithTheirHashes(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            try await store.append((1...25).map { Fixtures.line(1, "line \($0)") })
            let first = try await store.integrity.chainedEntries(incidentID: 1, after: 0, limit: 10)
            let rest = try await store.integrity.chainedEntries(incidentID: 1, after: 10, limit: 100)
            #expect(first.map(\.entry.sequence) == Array(1...10))
            #expect(rest.map(\.entry.sequence) == Array(11...25))
            #expect(rest.last?.hash == (try await store.integrity.chainHead(incidentID: 1)).hash)
            #expect(first.allSatisfy { $0.hash != nil })
        }
    }

    /// Recomputes a chain from the documented encoding and SHA-256, independently of the verifier.
    static func recompute(_ incidentID: Int64, _ store: any TimelineIntegrityStore) async throws -> ChainHash {
        let hasher = SHA256ChainHasher()
        var hash = hasher.genesis(incidentID: incidentID)
        for chained in try await store.chainedEntries(incidentID: incidentID, after: 0, limit: 1_000_000) {
            hash = hasher.link(chained.entry, previous: hash)
            #expect(chained.hash == hash)
        }
        return hash
    }
}

extension IncidentStore {
    /// The store's chain operations (part of every backend).
    var integrity: any TimelineIntegrityStore {
        get throws { self }
    }
}
