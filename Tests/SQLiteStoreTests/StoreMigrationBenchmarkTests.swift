import Foundation
import PostgresStore
import SQLiteStore
import SitrepCore
import SitrepTestSupport
import Testing

/// Not a pass/fail test on time: copies a SQLite store with 100 incidents of 1,000 transcript lines each into
/// PostgreSQL and prints how long it took. Runs only when asked:
/// `SITREP_MIGRATE_BENCH=1 swift test --filter StoreMigrationBenchmark`; with `SITREP_MIGRATE_BENCH_FILE=PATH`
/// the SQLite file is written there and kept (to time `sitrep migrate-store` on it).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["SITREP_MIGRATE_BENCH"] == "1"))
struct StoreMigrationBenchmarkTests {
    static let incidents = 100
    /// 1,000 unless `SITREP_MIGRATE_BENCH_LINES` says otherwise (lines per incident).
    static let linesPerIncident =
        ProcessInfo.processInfo.environment["SITREP_MIGRATE_BENCH_LINES"].flatMap { Int($0) } ?? 1_000

    @Test func copy100kTimelineLines() async throws {
        let server = try LocalPostgres.require()
        let environment = ProcessInfo.processInfo.environment
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-migrate-bench-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = environment["SITREP_MIGRATE_BENCH_FILE"] ?? directory.appendingPathComponent("sitrep.sqlite").path
        let sqlite = try SQLiteIncidentStore(path: path)
        defer { try? sqlite.close() }
        try await Self.fill(sqlite)
        try await server.withDatabase { database in
            let postgres = try await PostgresIncidentStore.open(
                configuration: server.configuration(database: database), logger: LocalPostgres.logger)
            defer { postgres.close() }
            let clock = ContinuousClock()
            var report: StoreCopyReport?
            let elapsed = try await clock.measure {
                report = try await postgres.importHistory(from: try sqlite.snapshot(), replacing: false)
            }
            let copied = try #require(report)
            #expect(copied.incidents == Self.incidents)
            #expect(copied.chainHeadsVerified == Self.incidents)
            #expect(copied.rows["timeline"] ?? 0 >= Self.incidents * Self.linesPerIncident)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            print(
                "migrate-store benchmark: \(copied.totalRows) rows (\(copied.rows["timeline"] ?? 0) timeline lines) "
                    + "copied and verified in \(String(format: "%.2f", seconds)) s, "
                    + "\(Int(Double(copied.totalRows) / seconds)) rows/s")
        }
    }

    /// Incidents declared through the store, each with its transcript appended in batches of 1,000 lines.
    static func fill(_ store: SQLiteIncidentStore) async throws {
        for number in 0..<incidents {
            let incident = try await SearchStoreTests.seed(
                store, "incident \(number): checkout latency", at: Int64(number) * 3_600,
                [.category("network"), .services(["checkout"]), .update("investigating"), .resolve("fixed")])
            let lines = (0..<linesPerIncident).map { index in
                Fixtures.line(
                    incident.id, "line \(index): looking at the checkout dashboards again, p99 still high",
                    author: "user\(index % 40)", at: Int64(number) * 3_600_000 + Int64(index) * 100)
            }
            for batch in stride(from: 0, to: lines.count, by: 1_000) {
                try await store.append(Array(lines[batch..<min(batch + 1_000, lines.count)]))
            }
            _ = try await store.recordAlerts([StoreContractAlertTests.notice("fp-\(number)")], at: Fixtures.start)
        }
    }
}
