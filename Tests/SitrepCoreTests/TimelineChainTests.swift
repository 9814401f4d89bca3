import SitrepCore
import Testing

/// The canonical encoding, `ChainHash`, and how `TimelineChainVerifier` names the first tampered entry.
@Suite struct TimelineChainTests {
    static let start = Timestamp(milliseconds: 1_795_000_000_123)

    static func entry(_ sequence: Int64, _ text: String, author: String = "alice", incidentID: Int64 = 7)
        -> TimelineEntry
    {
        TimelineEntry(
            incidentID: incidentID, sequence: sequence, time: start.adding(.seconds(sequence)), kind: .message,
            author: author, account: author, text: text)
    }

    @Test func encodingKeepsFieldBoundaries() {
        let split1 = TimelineChain.encoding(of: Self.entry(1, "c", author: "ab"))
        let split2 = TimelineChain.encoding(of: Self.entry(1, "bc", author: "a"))
        #expect(split1 != split2)
        var noAccount = Self.entry(1, "x")
        noAccount.account = nil
        var emptyAccount = noAccount
        emptyAccount.account = ""
        #expect(TimelineChain.encoding(of: noAccount) != TimelineChain.encoding(of: emptyAccount))
        var detailNotText = Self.entry(1, "")
        detailNotText.detail = "x"
        var textNotDetail = Self.entry(1, "x")
        textNotDetail.detail = ""
        #expect(TimelineChain.encoding(of: detailNotText) != TimelineChain.encoding(of: textNotDetail))
    }

    @Test func encodingIsTheDocumentedLayoutAndIgnoresKeyEvents() {
        var entry = TimelineEntry(
            incidentID: 1, sequence: 2, time: Timestamp(milliseconds: -1), kind: .note, author: "é", account: nil,
            text: "hi", detail: "d")
        let expected: [UInt8] =
            [0, 0, 0, 0, 0, 0, 0, 1] + [0, 0, 0, 0, 0, 0, 0, 2] + [255, 255, 255, 255, 255, 255, 255, 255]
            + [0, 0, 0, 0, 0, 0, 0, 4] + Array("note".utf8)
            + [0, 0, 0, 0, 0, 0, 0, 2] + [0xC3, 0xA9]
            + [0]
            + [0, 0, 0, 0, 0, 0, 0, 2] + Array("hi".utf8)
            + [1, 0, 0, 0, 0, 0, 0, 0, 1] + Array("d".utf8)
        #expect(TimelineChain.encoding(of: entry) == expected)
        entry.isKeyEvent = true
        #expect(TimelineChain.encoding(of: entry) == expected)
        #expect(TimelineChain.genesisInput(incidentID: 42) == Array("sitrep-timeline-v1|incident|42".utf8))
    }

    @Test func chainHashRoundTripsThroughHexAndBytes() throws {
        let bytes = (0..<32).map { UInt8($0 * 7 % 256) }
        let hash = try #require(ChainHash(bytes: bytes))
        #expect(hash.bytes == bytes)
        #expect(ChainHash(hex: hash.description) == hash)
        #expect(ChainHash(hex: hash.description.uppercased()) == hash)
        #expect(hash.description.count == 64)
        #expect(hash.abbreviated == String(hash.description.prefix(8)) + "…")
        #expect(ChainHash(bytes: bytes.dropLast()) == nil)
        #expect(ChainHash(hex: "zz" + hash.description.dropFirst(2)) == nil)
    }

    // MARK: verifier

    /// A stored chain: entries and recorded hashes, built with the test hasher.
    struct Chain {
        var rows: [(entry: TimelineEntry, hash: ChainHash?)] = []
        var head: ChainHead

        init(count: Int, hasher: TestHasher = TestHasher()) {
            var previous = hasher.genesis(incidentID: 7)
            for sequence in 1...Int64(count) {
                let entry = TimelineChainTests.entry(sequence, "line \(sequence)")
                previous = hasher.link(entry, previous: previous)
                rows.append((entry, previous))
            }
            head = ChainHead(sequence: Int64(count), hash: previous)
        }

        func verify() -> ChainVerification {
            var verifier = TimelineChainVerifier(incidentID: 7, hasher: TestHasher())
            for row in rows {
                if let verdict = verifier.entryRead(row.entry, hash: row.hash) { return verdict }
            }
            return verifier.endReached(recordedHead: head)
        }
    }

    func expectBroken(_ chain: Chain, at sequence: Int64, _ kind: ChainBreak.Kind) {
        guard case .broken(let first, let reason) = chain.verify() else {
            Issue.record("expected a break at \(sequence), got \(chain.verify())")
            return
        }
        #expect(first == sequence)
        #expect(reason.kind == kind, "\(reason)")
    }

    @Test func intactChainReportsCountAndHead() {
        let chain = Chain(count: 10)
        #expect(chain.verify() == .intact(count: 10, head: chain.head.hash))
        var verifier = TimelineChainVerifier(incidentID: 7, hasher: TestHasher())
        let genesis = TestHasher().genesis(incidentID: 7)
        #expect(verifier.endReached(recordedHead: ChainHead(sequence: 0, hash: genesis)) == .intact(count: 0, head: genesis))
    }

    @Test(arguments: [1, 5, 10])
    func editedTextIsAltered(at sequence: Int) {
        var chain = Chain(count: 10)
        chain.rows[sequence - 1].entry.text = "rewritten"
        expectBroken(chain, at: Int64(sequence), .altered)
    }

    @Test func editedHashIsAltered() {
        var chain = Chain(count: 10)
        chain.rows[3].hash = ChainHash(bytes: [UInt8](repeating: 9, count: 32))
        expectBroken(chain, at: 4, .altered)
        chain = Chain(count: 10)
        chain.rows[9].hash = nil
        expectBroken(chain, at: 10, .altered)
    }

    @Test func keyEventFlagIsNotPartOfTheChain() {
        var chain = Chain(count: 3)
        chain.rows[1].entry.isKeyEvent = true
        #expect(chain.verify().isIntact)
    }

    @Test func deletedEntriesAreRemoved() {
        var chain = Chain(count: 10)
        chain.rows.remove(at: 4)
        chain.rows.remove(at: 4)
        expectBroken(chain, at: 5, .removed)
        chain = Chain(count: 10)
        chain.rows.removeLast(2)
        expectBroken(chain, at: 9, .removed)
        chain = Chain(count: 10)
        chain.rows.remove(at: 0)
        expectBroken(chain, at: 1, .removed)
    }

    @Test func deletionWithRenumberingIsRemoved() {
        var chain = Chain(count: 10)
        chain.rows.remove(at: 4)
        for index in 4..<chain.rows.count { chain.rows[index].entry.sequence -= 1 }
        chain.head.sequence -= 1
        expectBroken(chain, at: 5, .removed)
    }

    @Test func forgedEntriesAreInserted() {
        let forged = ChainHash(bytes: [UInt8](repeating: 1, count: 32))
        var tail = Chain(count: 10)
        tail.rows.append((Self.entry(11, "forged"), forged))
        expectBroken(tail, at: 11, .inserted)

        var renumbered = Chain(count: 10)
        for index in 4..<renumbered.rows.count { renumbered.rows[index].entry.sequence += 1 }
        renumbered.rows.insert((Self.entry(5, "forged"), forged), at: 4)
        expectBroken(renumbered, at: 5, .inserted)

        var replaced = Chain(count: 10)
        replaced.rows[9] = (Self.entry(10, "forged"), forged)
        expectBroken(replaced, at: 10, .inserted)
    }

    @Test func forgedEntryThatSitrepChainedPastIsInserted() {
        let hasher = TestHasher()
        var chain = Chain(count: 5)
        chain.rows.append((Self.entry(6, "forged"), ChainHash(bytes: [UInt8](repeating: 1, count: 32))))
        let next = Self.entry(7, "appended by sitrep afterwards")
        let hash = hasher.link(next, previous: chain.head.hash)
        chain.rows.append((next, hash))
        chain.head = ChainHead(sequence: 7, hash: hash)
        expectBroken(chain, at: 6, .inserted)
    }

    @Test func correctlyChainedEntriesPastTheHeadAreInserted() {
        var chain = Chain(count: 10)
        chain.head = ChainHead(sequence: 8, hash: chain.rows[7].hash!)
        expectBroken(chain, at: 9, .inserted)
    }
}

/// A stand-in SHA-256 for SitrepCore tests (no cryptography here): four FNV-1a passes with different seeds.
/// Collisions are irrelevant at these sizes; the store's tests use the real SHA-256.
struct TestHasher: TimelineChainHasher {
    func sha256(_ bytes: UnsafeRawBufferPointer) -> ChainHash {
        var output: [UInt8] = []
        for seed in [UInt64(0xcbf2_9ce4_8422_2325), 0x1234_5678, 0xdead_beef, 0x0bad_cafe] {
            var value = seed
            for byte in bytes { value = (value ^ UInt64(byte)) &* 0x100_0000_01b3 }
            withUnsafeBytes(of: value.bigEndian) { output.append(contentsOf: $0) }
        }
        return ChainHash(bytes: output)!
    }
}
