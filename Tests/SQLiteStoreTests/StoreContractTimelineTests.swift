import SitrepCore
import SitrepTestSupport
import Testing

/// `append`, timeline reads, `lastMessage` and `markKeyEvent`, for every backend.
@Suite struct StoreContractTimelineTests {
    @Test(arguments: StoreBackend.allCases)
    func appendNumbersEachIncidentSeparatelyAcrossInterleavedBatches(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let ids = try await Fixtures.declare(3, in: store)
            var generator = SplitMix64(seed: 42)
            var expected: [Int64: [String]] = [:]
            for batch in 0..<60 {
                let size = Int(generator.next() % 40) + 1
                let entries = (0..<size).map { index in
                    let id = ids[Int(generator.next() % 3)]
                    return Fixtures.line(id, "b\(batch) l\(index)")
                }
                for entry in entries { expected[entry.incidentID, default: []].append(entry.text) }
                try await store.append(entries)
            }
            for id in ids {
                let timeline = try await store.timeline(incidentID: id, limit: nil, keyEventsOnly: false)
                #expect(timeline.map(\.text) == expected[id])
                #expect(timeline.map(\.sequence) == Array(1...Int64(timeline.count)))
                #expect(timeline.allSatisfy { $0.incidentID == id })
            }
        }
    }

    @Test(arguments: StoreBackend.allCases, [1, 31, 32, 33, 1_000, 5_003])
    func largeBatchesKeepOrderWithinRunsOfIncidents(backend: StoreBackend, batchSize: Int) async throws {
        try await backend.withStore { store in
            let ids = try await Fixtures.declare(3, in: store)
            for round in 0..<3 {
                let entries = (0..<batchSize).map { index in
                    Fixtures.line(ids[(index / 7) % ids.count], "r\(round) \(index)")
                }
                try await store.append(entries)
            }
            var total = 0
            for id in ids {
                let timeline = try await store.timeline(incidentID: id, limit: nil, keyEventsOnly: false)
                let expected = (0..<3).flatMap { round in
                    (0..<batchSize).filter { ($0 / 7) % ids.count == Int(id - 1) }.map { "r\(round) \($0)" }
                }
                #expect(timeline.map(\.text) == expected)
                #expect(timeline.map(\.sequence) == Array(stride(from: 1, through: Int64(expected.count), by: 1)))
                total += timeline.count
            }
            #expect(total == 3 * batchSize)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func appendStoresEveryFieldOfAnEntry(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            let entries = [
                TimelineEntry(
                    incidentID: 1,
                    time: Fixtures.start,
                    kind: .lifecycle,
                    author: "sitrep",
                    account: nil,
                    text: "state changed",
                    detail: "state: investigating -> mitigated",
                    isKeyEvent: true
                ),
                TimelineEntry(
                    incidentID: 1,
                    time: Timestamp(milliseconds: -5),
                    kind: .gap,
                    author: "",
                    text: "",
                    detail: ""
                ),
            ]
            try await store.append(entries)
            let stored = try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
            var expected = entries
            expected[0].sequence = 1
            expected[1].sequence = 2
            #expect(stored == expected)
            try await store.append([])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func appendToAnUnknownIncidentFailsWholeBatch(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            await #expect(throws: (any Error).self) {
                try await store.append([Fixtures.line(1, "kept?"), Fixtures.line(2, "no such incident")])
            }
            #expect(try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false).isEmpty)
            try await store.append([Fixtures.line(1, "first")])
            #expect(try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false).map(\.sequence) == [1])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func timelineLimitReturnsTheLastEntriesOldestFirst(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(2, in: store)
            try await store.append((1...10).map { Fixtures.line(1, "line \($0)") })
            try await store.append([Fixtures.line(2, "other incident")])
            let last3 = try await store.timeline(incidentID: 1, limit: 3, keyEventsOnly: false)
            #expect(last3.map(\.text) == ["line 8", "line 9", "line 10"])
            #expect(last3.map(\.sequence) == [8, 9, 10])
            #expect(try await store.timeline(incidentID: 1, limit: 50, keyEventsOnly: false).count == 10)
            #expect(try await store.timeline(incidentID: 1, limit: 0, keyEventsOnly: false).isEmpty)
            #expect(try await store.timeline(incidentID: 9, limit: 3, keyEventsOnly: false).isEmpty)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func keyEventsOnlyFiltersAndMarkingAddsToThem(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            let entries = (1...8).map { index in
                var entry = Fixtures.line(1, "line \(index)")
                entry.isKeyEvent = index % 3 == 0
                return entry
            }
            try await store.append(entries)
            let keys = try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: true)
            #expect(keys.map(\.sequence) == [3, 6])
            try await store.markKeyEvent(incidentID: 1, sequence: 7)
            try await store.markKeyEvent(incidentID: 1, sequence: 1)
            let marked = try await store.timeline(incidentID: 1, limit: nil, keyEventsOnly: true)
            #expect(marked.map(\.sequence) == [1, 3, 6, 7])
            #expect(marked.allSatisfy { $0.isKeyEvent })
            let lastTwo = try await store.timeline(incidentID: 1, limit: 2, keyEventsOnly: true)
            #expect(lastTwo.map(\.text) == ["line 6", "line 7"])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func markingAnUnknownEntryFails(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(1, in: store)
            try await store.append([Fixtures.line(1, "only line")])
            await #expect(throws: (any Error).self) { try await store.markKeyEvent(incidentID: 1, sequence: 2) }
            await #expect(throws: (any Error).self) { try await store.markKeyEvent(incidentID: 2, sequence: 1) }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func lastMessageFindsTheAuthorsLatestSpokenLineWhateverTheCase(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Fixtures.declare(2, in: store)
            try await store.append([
                Fixtures.line(1, "first words", author: "Alice"),
                Fixtures.line(1, "waves", author: "ALICE", kind: .action),
                Fixtures.line(1, "bob speaks", author: "bob"),
                Fixtures.line(1, "joined", author: "alice", kind: .join),
                Fixtures.line(1, "a note", author: "alice", kind: .note),
                Fixtures.line(1, "grüße", author: "Ärger"),
                Fixtures.line(2, "elsewhere", author: "alice"),
            ])
            let alice = try await store.lastMessage(incidentID: 1, author: "aLiCe")
            #expect(alice?.text == "waves")
            #expect(alice?.sequence == 2)
            #expect(try await store.lastMessage(incidentID: 1, author: "ärger")?.text == "grüße")
            #expect(try await store.lastMessage(incidentID: 1, author: "carol") == nil)
            try await store.append([Fixtures.line(1, "notice this", author: "alice", kind: .notice)])
            #expect(try await store.lastMessage(incidentID: 1, author: "Alice")?.text == "notice this")
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func textComesBackByteForByte(backend: StoreBackend) async throws {
        let samples = [
            "carriage\rreturn and line\nfeed and both\r\n",
            "nul\u{0}inside\u{0}",
            "\u{0}",
            "controls \u{1}\u{2}\u{7}\u{8}\u{1B}[31mred\u{1B}[0m \u{7F} \u{3}04colour\u{3} \u{2}bold\u{2}",
            "emoji 🔥🧑🏽‍🚒🇪🇺 and astral 𝕏 \u{10FFFF}",
            "replacement \u{FFFD} bom \u{FEFF} rtl \u{202E}olleh zero-width \u{200B}",
            "looks invalid: \\xff\\xfe %00 &#0; \\u0000 é vs e\u{301}",
            "",
            String(repeating: "long ", count: 2000),
        ]
        try await backend.withStore { store in
            let incident = try await store.declare(
                { id in
                    var incident = Fixtures.incident(id, title: samples[1])
                    incident.rootCause = samples[3]
                    incident.services = samples
                    return incident
                },
                entries: { _ in [] }
            )
            let entries = samples.map { sample in
                TimelineEntry(
                    incidentID: incident.id,
                    time: Fixtures.start,
                    kind: .message,
                    author: sample,
                    account: sample,
                    text: sample,
                    detail: TimelineDetail(sample)
                )
            }
            try await store.append(entries)
            let stored = try await store.timeline(incidentID: incident.id, limit: nil, keyEventsOnly: false)
            try #require(stored.count == samples.count)
            for (entry, sample) in zip(stored, samples) {
                for field in [entry.text, entry.author, entry.account ?? "-", entry.detail?.encoded ?? "-"] {
                    #expect(Array(field.utf8) == Array(sample.utf8))
                }
            }
            let reread = try #require(try await store.incident(id: incident.id))
            #expect(Array(reread.title.utf8) == Array(samples[1].utf8))
            #expect(reread == incident)
            let followUp = try await store.addFollowUp(
                incidentID: incident.id,
                text: samples[1],
                owner: samples[2],
                createdBy: Fixtures.alice,
                at: Fixtures.start
            )
            let listed = try await store.followUps(incidentID: incident.id, openOnly: false)
            #expect(listed == [followUp])
            #expect(listed.first.map { Array($0.text.utf8) } == Array(samples[1].utf8))
        }
    }
}
