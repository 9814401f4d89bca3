import Foundation
import PostgresStore
import SQLiteStore
import SitrepCore
import SitrepTestSupport
import Synchronization
import Testing

/// `sitrep migrate-store`'s copy: a real SQLite store with a realistic history, copied into a fresh PostgreSQL
/// database, must answer every question the same way through the store API.
@Suite(.enabled(if: LocalPostgres.shouldRun, "needs the local PostgreSQL server (deploy/local/postgres.sh up)"))
struct StoreMigrationTests {
    static let awkward = "restarted \u{0}lb-1\u{10} and “édge” 🔥"

    @Test func theCopyAnswersLikeTheSQLiteStore() async throws {
        try await Self.withStores { sqlite, postgres in
            let history = try await Self.populate(sqlite)
            let report = try await postgres.importHistory(from: try sqlite.snapshot(), replacing: false, pageSize: 97)
            #expect(report.incidents == 4)
            #expect(report.rows["timeline"] == history.timelineLines)
            #expect(report.rows["alert"] == 3)
            #expect(report.rows["timer"] == 3)
            #expect(report.chainHeadsVerified == 4)
            try await Self.expectSameAnswers(sqlite, postgres)
        }
    }

    @Test func newRecordsContinueTheNumbering() async throws {
        try await Self.withStores { sqlite, postgres in
            _ = try await Self.populate(sqlite)
            _ = try await postgres.importHistory(from: try sqlite.snapshot(), replacing: false)
            let incident = try await postgres.declare({ Fixtures.incident($0) }, entries: { _ in [] })
            #expect(incident.id == 5)
            let alert = try await postgres.recordAlerts([StoreContractAlertTests.notice("new")], at: Fixtures.start)
            #expect(alert.map(\.alert.id) == [4])
            let followUp = try await postgres.addFollowUp(
                incidentID: 1, text: "write the review", owner: nil, createdBy: Fixtures.alice, at: Fixtures.start)
            #expect(followUp.id == 3)
            let solution = try await postgres.addSolution(
                incidentID: 2, text: "raise the pool", createdBy: Fixtures.bob, at: Fixtures.start)
            #expect(solution.id == 2)
            try await postgres.append([Fixtures.line(1, "after the move")])
            #expect(try await postgres.verify(incidentID: 1).isIntact, "the chain continues from the copied head")
        }
    }

    @Test func aNonEmptyTargetIsRefusedWithoutForceAndReplacedWithIt() async throws {
        try await Self.withStores { sqlite, postgres in
            _ = try await Self.populate(sqlite)
            let stray = try await postgres.declare({ Fixtures.incident($0, title: "stray") }, entries: { _ in [] })
            let refusal = await #expect(throws: StoreCopyError.self) {
                try await postgres.importHistory(from: try sqlite.snapshot(), replacing: false)
            }
            guard case .targetNotEmpty(_, let incidents, _, _) = refusal else {
                Issue.record("expected targetNotEmpty, got \(String(describing: refusal))")
                return
            }
            #expect(incidents == 1)
            #expect(try await postgres.incident(id: stray.id)?.title == "stray", "a refused copy changes nothing")

            _ = try await postgres.importHistory(from: try sqlite.snapshot(), replacing: true)
            try await Self.expectSameAnswers(sqlite, postgres)
            #expect(try await postgres.incident(id: 1)?.title == "Deploy of checkout failed")
        }
    }

    @Test func linesRecordedAfterTheSnapshotAreNotCopied() async throws {
        try await Self.withStores { sqlite, postgres in
            let history = try await Self.populate(sqlite)
            let snapshot = try sqlite.snapshot()
            try await sqlite.append((0..<50).map { Fixtures.line(4, "late \($0)") })
            _ = try await sqlite.declare({ Fixtures.incident($0) }, entries: { _ in [] })
            let report = try await postgres.importHistory(from: snapshot, replacing: false)
            #expect(report.rows["timeline"] == history.timelineLines)
            #expect(report.incidents == 4)
            #expect(try await postgres.verify(incidentID: 4).isIntact)
        }
    }

    @Test func theBotKeepsWritingWhileTheCopyRuns() async throws {
        try await Self.withStores { sqlite, postgres in
            let history = try await Self.populate(sqlite)
            let snapshot = try sqlite.snapshot()
            let (report, appended) = try await withThrowingTaskGroup(of: Int.self) { group in
                group.addTask {
                    for batch in 0..<20 {
                        try await sqlite.append(
                            (0..<25).map { Fixtures.line(1 + Int64($0 % 4), "live \(batch)-\($0)") })
                    }
                    return 20 * 25
                }
                let report = try await postgres.importHistory(from: snapshot, replacing: false, pageSize: 40)
                let appended = try await group.next() ?? 0
                return (report, appended)
            }
            #expect(report.rows["timeline"] == history.timelineLines)
            #expect(report.chainHeadsVerified == 4)
            let lines = try await sqlite.timeline(incidentID: 1, limit: nil, keyEventsOnly: false).count
            #expect(appended == 500 && lines > report.rows["timeline"]! / 4, "the bot's appends all went through")
            #expect(try await sqlite.verify(incidentID: 1).isIntact)
        }
    }

    @Test func aCopyFailingHalfwayLeavesTheTargetEmptyAndCanBeRunAgain() async throws {
        try await Self.withStores { sqlite, postgres in
            _ = try await Self.populate(sqlite)
            let failing = FaultySource(base: try sqlite.snapshot(), fault: .readFails(table: .timeline, afterPages: 2))
            await #expect(throws: FaultySource.ReadFailed.self) {
                try await postgres.importHistory(from: failing, replacing: false, pageSize: 50)
            }
            #expect(try await postgres.incidentIDs().isEmpty, "nothing of the failed copy was kept")
            _ = try await postgres.importHistory(from: try sqlite.snapshot(), replacing: false)
            try await Self.expectSameAnswers(sqlite, postgres)
        }
    }

    @Test func aCountMismatchIsReportedAndRolledBack() async throws {
        try await Self.withStores { sqlite, postgres in
            _ = try await Self.populate(sqlite)
            let lying = FaultySource(base: try sqlite.snapshot(), fault: .countOneMore(.alert))
            let error = await #expect(throws: StoreCopyError.self) {
                try await postgres.importHistory(from: lying, replacing: false)
            }
            #expect(error == .countMismatch(table: "alert", source: 4, target: 3))
            #expect(try await postgres.incidentIDs().isEmpty)
        }
    }

    @Test func aChainHeadMismatchIsReportedAndRolledBack() async throws {
        try await Self.withStores { sqlite, postgres in
            _ = try await Self.populate(sqlite)
            let lying = FaultySource(base: try sqlite.snapshot(), fault: .otherHead(incidentID: 3))
            let error = await #expect(throws: StoreCopyError.self) {
                try await postgres.importHistory(from: lying, replacing: false)
            }
            guard case .chainHeadMismatch(let id, let source, let target) = error else {
                Issue.record("expected chainHeadMismatch, got \(String(describing: error))")
                return
            }
            #expect(id == 3 && source?.hash == Array(repeating: 0, count: 32) && target?.hash?.count == 32)
            #expect(try await postgres.incidentIDs().isEmpty)
        }
    }

    /// What `populate` stored.
    struct History {
        var timelineLines: Int
    }

    /// Four incidents through their lifecycle (`SearchStoreTests.corpus`), transcripts with NUL and DLE,
    /// follow-ups (one done), a solution, pending and fired timers, alerts (one linked, one resolved), a heartbeat
    /// and an indexed transcript.
    static func populate(_ store: SQLiteIncidentStore) async throws -> History {
        try await SearchStoreTests.corpus(store)
        var lines: [TimelineEntry] = []
        for index in 0..<300 {
            lines.append(
                Fixtures.line(1 + Int64(index % 4), "line \(index) about the checkout rollback", at: Int64(index)))
        }
        lines.append(Fixtures.line(1, awkward, author: "bob_", kind: .action))
        try await store.append(lines)
        _ = try await store.addFollowUp(
            incidentID: 2, text: "alert on pool saturation", owner: "bob_", createdBy: Fixtures.alice,
            at: Fixtures.start)
        let done = try await store.addFollowUp(
            incidentID: 2, text: awkward, owner: nil, createdBy: Fixtures.carol, at: Fixtures.start)
        _ = try await store.completeFollowUp(id: done.id, at: Fixtures.start.adding(.seconds(60)))
        _ = try await store.addSolution(
            incidentID: 2, text: "raise the pool size", createdBy: Fixtures.bob, at: Fixtures.start)
        let page = Fixtures.timer(4, .escalation, "tier-1", dueIn: 300, text: "alice")
        try await store.replaceTimers(
            incidentID: 4,
            with: [
                page, Fixtures.timer(4, .reminder, "1", dueIn: 600, text: awkward),
                Fixtures.timer(4, .updateDue, "u", dueIn: 900),
            ])
        #expect(try await store.claimTimer(page.id, at: Fixtures.start.adding(.seconds(301))))
        _ = try await store.recordAlerts(
            [
                StoreContractAlertTests.notice("a"), StoreContractAlertTests.notice("b"),
                StoreContractAlertTests.notice("c"),
            ],
            at: Fixtures.start)
        _ = try await store.recordAlerts(
            [StoreContractAlertTests.notice("b", .resolved)], at: Fixtures.start.adding(.seconds(5)))
        _ = try await store.linkAlerts(ids: [1], toIncident: 1)
        try await store.heartbeat(Fixtures.start.adding(.seconds(3600)))
        _ = try await store.reindexTranscripts(since: nil)
        var total = 0
        for id in try await store.incidentIDs() {
            total += try await store.timeline(incidentID: id, limit: nil, keyEventsOnly: false).count
        }
        return History(timelineLines: total)
    }

    /// Every read of the store API gives the same answer on both stores.
    static func expectSameAnswers(_ sqlite: SQLiteIncidentStore, _ postgres: PostgresIncidentStore) async throws {
        let ids = try await sqlite.incidentIDs()
        #expect(try await postgres.incidentIDs() == ids)
        for id in ids {
            #expect(try await postgres.incident(id: id) == sqlite.incident(id: id))
            #expect(
                try await postgres.timeline(incidentID: id, limit: nil, keyEventsOnly: false)
                    == sqlite.timeline(incidentID: id, limit: nil, keyEventsOnly: false))
            let verification = try await postgres.verify(incidentID: id)
            #expect(verification.isIntact, "incident #\(id): \(verification)")
            #expect(try await postgres.chainHead(incidentID: id) == sqlite.chainHead(incidentID: id))
            #expect(try await postgres.firedTimers(incidentID: id) == sqlite.firedTimers(incidentID: id))
            #expect(try await postgres.alerts(incidentID: id) == sqlite.alerts(incidentID: id))
        }
        #expect(try await postgres.openIncidents() == sqlite.openIncidents())
        #expect(
            try await postgres.followUps(incidentID: nil, openOnly: false)
                == sqlite.followUps(incidentID: nil, openOnly: false))
        #expect(try await postgres.pendingTimers() == sqlite.pendingTimers())
        for alertID in Int64(1)...3 {
            #expect(try await postgres.alert(id: alertID) == sqlite.alert(id: alertID))
        }
        #expect(try await postgres.lastHeartbeat() == sqlite.lastHeartbeat())
        for words in ["deploy", "pool", "checkout"] {
            let expected = try await sqlite.search(
                query: words, filter: SearchFilter(), limit: 10, includeTranscripts: false)
            let actual = try await postgres.search(
                query: words, filter: SearchFilter(), limit: 10, includeTranscripts: false)
            #expect(Set(actual.map(\.incidentID)) == Set(expected.map(\.incidentID)), "search \(words)")
        }
        _ = try await postgres.reindexTranscripts(since: nil)
        let spoken = try await postgres.search(
            query: "rollback", filter: SearchFilter(), limit: 10, includeTranscripts: true)
        #expect(
            Set(spoken.map(\.incidentID)) == [1, 2, 3, 4], "the transcript index is rebuilt from the copied timeline")
        let incident = try #require(try await sqlite.incident(id: 2))
        let suggestions = try await postgres.suggestionCandidates(for: incident, limit: 10)
        #expect(suggestions.solutions.map(\.text) == ["raise the pool size"])
    }

    /// A fresh SQLite store and a fresh PostgreSQL database, both deleted afterwards.
    static func withStores(_ body: (SQLiteIncidentStore, PostgresIncidentStore) async throws -> Void) async throws {
        let server = try LocalPostgres.require()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-migrate-tests-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sqlite = try SQLiteIncidentStore(path: directory.appendingPathComponent("sitrep.sqlite").path)
        defer { try? sqlite.close() }
        try await server.withDatabase { database in
            let postgres = try await PostgresIncidentStore.open(
                configuration: server.configuration(database: database), logger: LocalPostgres.logger)
            do {
                try await body(sqlite, postgres)
            } catch {
                await postgres.shutdown()
                throw error
            }
            await postgres.shutdown()
        }
    }
}

/// A copy source that fails or lies in one way, to test that the copy is all or nothing.
final class FaultySource: StoreCopySource {
    enum Fault {
        case readFails(table: StoreCopyTable, afterPages: Int)
        case countOneMore(StoreCopyTable)
        case otherHead(incidentID: Int64)
    }

    struct ReadFailed: Error {}

    let base: SQLiteStoreSnapshot
    let fault: Fault
    private let pagesRead = Mutex(0)

    init(base: SQLiteStoreSnapshot, fault: Fault) {
        self.base = base
        self.fault = fault
    }

    func count(of table: StoreCopyTable) async throws -> Int {
        let count = try await base.count(of: table)
        if case .countOneMore(table) = fault { return count + 1 }
        return count
    }

    func rows(of table: StoreCopyTable, after key: StoreCopyRow?, limit: Int) async throws -> [StoreCopyRow] {
        if case .readFails(table, let pages) = fault {
            let read = pagesRead.withLock { count in
                count += 1
                return count
            }
            if read > pages { throw ReadFailed() }
        }
        return try await base.rows(of: table, after: key, limit: limit)
    }

    func chainHeads() async throws -> [Int64: StoreCopyHead] {
        var heads = try await base.chainHeads()
        if case .otherHead(let id) = fault { heads[id]?.hash = Array(repeating: 0, count: 32) }
        return heads
    }
}
