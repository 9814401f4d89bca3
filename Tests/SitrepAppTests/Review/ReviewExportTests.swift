import Foundation
import SQLiteStore
import SitrepApp
import SitrepCore
import Testing

@Suite struct ReviewExportTests {
    static let bob = Participant(identity: .account("bob"), nick: "bob")
    static let start = Timestamp(milliseconds: 1_764_000_000_000)

    /// A database in a fresh temporary folder with incident 1 (declared, `/factor`ed, resolved) and `lines`
    /// transcript lines; `body` gets its path.
    static func withDatabase(lines: Int = 3, _ body: (String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-review-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("sitrep.sqlite").path
        let store = try SQLiteIncidentStore(path: path)
        let start = Self.start
        let bob = Self.bob
        var incident = try await store.declare(
            { IncidentReducer.declare(id: $0, severity: .sev2, title: "Search <slow>", by: bob, at: start).incident },
            entries: { IncidentReducer.declare(id: $0.id, severity: .sev2, title: "Search <slow>", by: bob, at: start).entries })
        var batch: [TimelineEntry] = []
        for index in 0..<lines {
            batch.append(
                TimelineEntry(
                    incidentID: incident.id, time: start.adding(.milliseconds(Int64(index))), kind: .message,
                    author: "user\(index % 20)", text: "line \(index) about the search cluster"))
            if batch.count == 10_000 {
                try await store.append(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try await store.append(batch)
        for (intent, second) in [(IncidentIntent.ack, 120), (.factor("no index size alert"), 200), (.resolve("reindexed"), 600)] {
            let outcome = IncidentReducer.apply(
                intent, to: incident, by: bob, rights: .commander, at: start.adding(.seconds(Int64(second))))
            incident = try #require(outcome.incident)
            try await store.commit(incident, entries: outcome.entries)
        }
        _ = try await store.addFollowUp(
            incidentID: incident.id, text: "alert on index size", owner: nil, createdBy: bob, at: start.adding(.seconds(700)))
        try store.close()
        try await body(path)
    }

    @Test func rendersTheStoredIncidentAsMarkdownAndHTML() async throws {
        try await Self.withDatabase { path in
            let markdown = try await ReviewExport.render(incidentID: 1, databasePath: path, format: .markdown)
            #expect(markdown.hasPrefix("# INC-1 post-incident review: Search \\<slow>\n"))
            #expect(markdown.contains("- **State:** resolved (still open)"))
            #expect(markdown.contains("| Time to acknowledge | 2m |"))
            #expect(markdown.contains("- 16:03:20 bob: no index size alert"))
            #expect(markdown.contains("- #1 alert on index size (no owner) — open"))
            #expect(markdown.contains("The full transcript (7 lines, chain head "))
            #expect(markdown.contains(") is attached separately: sitrep export 1."))
            let html = try await ReviewExport.render(incidentID: 1, databasePath: path, format: .html)
            #expect(html.contains("<h1>INC-1 post-incident review: Search &lt;slow&gt;</h1>"))
        }
    }

    @Test func aMissingIncidentOrDatabaseSaysWhatToCheck() async throws {
        try await Self.withDatabase { path in
            await #expect(throws: ReviewExport.Failure.noIncident(id: 2, path: path)) {
                try await ReviewExport.render(incidentID: 2, databasePath: path, format: .markdown)
            }
        }
        let missing = "/nonexistent-\(UUID().uuidString)/sitrep.sqlite"
        await #expect(throws: ReviewExport.Failure.noDatabase(path: missing)) {
            try await ReviewExport.render(incidentID: 1, databasePath: missing, format: .markdown)
        }
        #expect(!FileManager.default.fileExists(atPath: missing), "no database is created")
    }

    /// Not a pass/fail test on time: prints how long reading and rendering a 100,000-line incident takes end to
    /// end (SQLite read, one-pass build, Markdown render).
    @Test func reviewOf100kStoredLines() async throws {
        try await Self.withDatabase(lines: 100_000) { path in
            let clock = ContinuousClock()
            var markdown = ""
            let elapsed = try await clock.measure {
                markdown = try await ReviewExport.render(incidentID: 1, databasePath: path, format: .markdown)
            }
            print("review export benchmark: 100,000 stored lines, read + build + render markdown \(elapsed)")
            #expect(markdown.contains("(100004 lines, chain head "))
        }
    }
}
