import SitrepCore
import Testing

/// Search, transcripts, solutions, suggestions and report input, for every backend (a real SQLite file, a real
/// PostgreSQL database). Ranking differs in its numbers (bm25 against ts_rank_cd) but not in what these expect.
@Suite struct SearchStoreTests {
    static let responder = Fixtures.alice

    /// Declares an incident and applies `intents` through the reducer, committing each like the coordinator.
    @discardableResult
    static func seed(
        _ store: any IncidentStore, _ title: String, severity: Severity = .sev2, at second: Int64 = 0,
        _ intents: [IncidentIntent] = []
    ) async throws -> Incident {
        let time = Fixtures.start.adding(.seconds(second))
        var incident = try await store.declare(
            { IncidentReducer.declare(id: $0, severity: severity, title: title, by: responder, at: time).incident },
            entries: { IncidentReducer.declare(id: $0.id, severity: severity, title: title, by: responder, at: time).entries })
        for (offset, intent) in intents.enumerated() {
            let outcome = IncidentReducer.apply(
                intent, to: incident, by: responder, rights: .commander, at: time.adding(.seconds(Int64(offset + 1))))
            guard let changed = outcome.incident else {
                Issue.record("refused \(intent): \(outcome.replies)")
                continue
            }
            try await store.commit(changed, entries: outcome.entries)
            incident = changed
        }
        return incident
    }

    /// Four incidents; "deploy" is in #1's title, in #2's note, in #3's resolution.
    static func corpus(_ store: any IncidentStore) async throws {
        try await seed(store, "Deploy of checkout failed", severity: .sev1, at: 0, [
            .category("release"), .services(["checkout"]), .update("checkout degraded in EU"),
            .resolve("rolled back"),
        ])
        try await seed(store, "Payments timeouts", at: 86_400, [
            .category("database/postgres"), .services(["payments", "checkout"]), .note("deploy 512 went out at 12:00"),
            .cause("connection pool too small"), .resolve("raised the pool size"), .close,
        ])
        try await seed(store, "Search results empty", severity: .sev3, at: 2 * 86_400, [
            .category("database"), .services(["search"]), .identified("index corrupted"),
            .resolve("rebuilt the index after the deploy"),
        ])
        try await seed(store, "Login page slow", severity: .sev3, at: 3 * 86_400, [.workaround("cache warmed up")])
    }

    @Test(arguments: StoreBackend.allCases)
    func aTitleMatchRanksAboveANoteOrResolutionMatch(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.corpus(store)
            let hits = try await store.search(query: "deploy", filter: SearchFilter(), limit: 10, includeTranscripts: false)
            #expect(hits.map(\.incidentID).first == 1)
            #expect(Set(hits.map(\.incidentID)) == [1, 2, 3])
            #expect(hits[0].matchedIn == "title" && hits[0].state == .resolved && hits[0].severity == .sev1)
            let note = try #require(hits.first { $0.incidentID == 2 })
            #expect(note.matchedIn == "note" && note.snippet.contains("[deploy]"))
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func everyIndexedFieldIsSearchableAndStemmed(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.corpus(store)
            for (query, id, field) in [
                ("degraded", Int64(1), "update"), ("pool small", 2, "cause"), ("corrupted", 3, "identified"),
                ("warmed", 4, "workaround"), ("rebuilt index", 3, "resolution"),
            ] {
                let hits = try await store.search(query: query, filter: SearchFilter(), limit: 5, includeTranscripts: false)
                #expect(hits.first?.incidentID == id && hits.first?.matchedIn == field, "\(query): \(hits)")
            }
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func filtersNarrowByCategoryServiceSeverityAndTime(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.corpus(store)
            func ids(_ filter: SearchFilter) async throws -> Set<Int64> {
                Set(try await store.search(query: "deploy", filter: filter, limit: 10, includeTranscripts: false).map(\.incidentID))
            }
            #expect(try await ids(SearchFilter(category: "database")) == [2, 3])
            #expect(try await ids(SearchFilter(category: "Database/Postgres")) == [2])
            #expect(try await ids(SearchFilter(category: "data")) == [])
            #expect(try await ids(SearchFilter(service: "CHECKOUT")) == [1, 2])
            #expect(try await ids(SearchFilter(severity: .sev3)) == [3])
            #expect(try await ids(SearchFilter(since: Fixtures.start.adding(.seconds(86_400)))) == [2, 3])
            #expect(try await ids(SearchFilter(until: Fixtures.start.adding(.seconds(86_400)))) == [1])
        }
    }

    @Test(arguments: StoreBackend.allCases, ["\"", "*", "AND", "-", "(", ")", "deploy\" OR \"x", "NOT deploy", "title:deploy", "(deploy",
        "deploy*", "^deploy", "NEAR(deploy checkout)", "-deploy", "\"\"\""])
    func ftsSyntaxInUserTextIsHarmless(backend: StoreBackend, query: String) async throws {
        try await backend.withStore { store in
            try await Self.corpus(store)
            let hits = try await store.search(query: query, filter: SearchFilter(), limit: 10, includeTranscripts: false)
            // Whatever matches, it is by words: a query naming `deploy` finds only incidents that mention it.
            #expect(hits.allSatisfy { [1, 2, 3].contains($0.incidentID) })
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func anyWordMatchesWhenNoIncidentHasThemAll(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.corpus(store)
            let hits = try await store.search(query: "login zebra", filter: SearchFilter(), limit: 5, includeTranscripts: false)
            #expect(hits.map(\.incidentID) == [4])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func transcriptsAreSearchedOnlyWhenIndexedAndAsked(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let incident = try await Self.seed(store, "Checkout errors")
            try await store.append([
                TimelineEntry(incidentID: incident.id, time: Fixtures.start, kind: .message, author: "bob", text: "the kafka consumer lags"),
                TimelineEntry(incidentID: incident.id, time: Fixtures.start, kind: .join, author: "kafka", text: "joined"),
            ])
            let query = { (transcripts: Bool) in
                try await store.search(query: "kafka", filter: SearchFilter(), limit: 5, includeTranscripts: transcripts)
            }
            #expect(try await query(true).isEmpty)
            #expect(try await store.reindexTranscripts(since: nil, batchSize: 1) == 1)
            #expect(try await query(false).isEmpty)
            let hit = try #require(try await query(true).first)
            #expect(hit.matchedIn == "transcript" && hit.snippet == "<bob> the kafka consumer lags")
            #expect(try await store.reindexTranscripts(since: nil) == 0)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func solutionsAndPastIncidentsAreSuggestionCandidates(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.corpus(store)
            let solution = try await store.addSolution(
                incidentID: 2, text: "raise the pool size", createdBy: Self.responder, at: Fixtures.start)
            #expect(solution.category == "database/postgres" && solution.services == ["payments", "checkout"])
            var fresh = try await Self.seed(store, "Checkout deploy broken", at: 4 * 86_400)
            var candidates = try await store.suggestionCandidates(for: fresh, limit: 10)
            // By title words: #1 (deploy checkout); #2 only by service later. #4 is not resolved.
            #expect(candidates.incidents.map(\.id) == [1])
            #expect(candidates.solutions.isEmpty)
            fresh.services = ["checkout"]
            candidates = try await store.suggestionCandidates(for: fresh, limit: 10)
            #expect(candidates.incidents.map(\.id) == [1, 2])
            #expect(candidates.solutions.map(\.id) == [solution.id])
            let lines = Suggestions.lines(Suggestions.rank(for: fresh, candidates))
            #expect(lines.first?.hasPrefix("similar: INC-1 \"Deploy of checkout failed\" → rolled back") == true)
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func reportInputHasThePeriodsIncidentsAndActivity(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            try await Self.corpus(store)
            try await Self.seed(store, "Later", at: 10 * 86_400, [.ack, .lead(nick: nil), .note("looking")])
            let input = try await store.reportInput(from: Fixtures.start.adding(.seconds(86_400)), to: Fixtures.start.adding(.seconds(11 * 86_400)))
            #expect(input.incidents.map(\.id) == [2, 3, 4, 5])
            #expect(
                input.activity.map { "\($0.incidentID) \($0.kind) \($0.nick)" }.sorted()
                    == ["2 note Alice", "5 ack Alice", "5 lead Alice", "5 note Alice"])
        }
    }

    @Test(arguments: StoreBackend.allCases)
    func reportActivityIsInTimelineOrderAndOnlyWhatCounts(backend: StoreBackend) async throws {
        try await backend.withStore { store in
            let incident = try await Self.seed(
                store, "Busy", [.note("looking"), .ack, .ack, .lead(nick: "bob"), .lead(nick: nil), .resolve("fixed")])
            try await store.append([
                TimelineEntry(
                    incidentID: incident.id, time: Fixtures.start.adding(.seconds(60)), kind: .lifecycle, author: "x",
                    text: "not a hand-over", detail: TimelineDetail("lead="), isKeyEvent: true),
                TimelineEntry(
                    incidentID: incident.id, time: Fixtures.start.adding(.seconds(61)), kind: .lifecycle, author: "x",
                    text: "not counted either", detail: TimelineDetail("LEAD=a->b"), isKeyEvent: true),
            ])
            let input = try await store.reportInput(from: Fixtures.start, to: Fixtures.start.adding(.seconds(86_400)))
            #expect(
                input.activity.map { "\($0.incidentID) \($0.kind) \($0.nick)" }
                    == ["1 note Alice", "1 ack Alice", "1 lead bob", "1 lead Alice"])
            let cancelled = try await Self.seed(store, "Busy again", at: 10, [.cancel("duplicate")])
            let fresh = try await Self.seed(store, "Busy again", at: 20)
            let candidates = try await store.suggestionCandidates(for: fresh, limit: 10)
            #expect(candidates.incidents.map(\.id) == [incident.id], "a cancelled incident (\(cancelled.id)) is not past")
            let resolved = try await store.resolvedIncidents(since: Fixtures.start, limit: 10)
            #expect(resolved.map(\.id) == [incident.id])
        }
    }
}
