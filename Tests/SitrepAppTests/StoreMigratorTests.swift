import Foundation
import Logging
import SitrepCore
import Testing

@testable import SitrepApp

/// What `sitrep migrate-store` checks before it touches either store, and what it prints. The copy itself is
/// tested against a real SQLite file and PostgreSQL in `SQLiteStoreTests/StoreMigrationTests`.
@Suite struct StoreMigratorTests {
    static let logger = Logger(label: "sitrep.tests.migrate") { _ in SwiftLogNoOpLogHandler() }

    @Test func aConfigWithoutAPostgresStoreIsRefused() async throws {
        let config = try ConfigDirectory.with { try $0.load(minimalYAML) }
        await #expect(throws: StoreMigratorError.targetNotPostgres) {
            try await StoreMigrator.migrate(
                sqlitePath: "/nonexistent/sitrep.sqlite", to: config, force: false, logger: Self.logger)
        }
    }

    @Test func aMissingSQLiteFileIsRefusedAndNotCreated() async throws {
        let config = try ConfigDirectory.with {
            try $0.load(
                minimalYAML + "store: { postgres: { hosts: [\"127.0.0.1:1\"], database: sitrep, user: sitrep } }\n")
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-missing-\(UUID()).sqlite").path
        await #expect(throws: StoreMigratorError.sourceMissing(path: path)) {
            try await StoreMigrator.migrate(sqlitePath: path, to: config, force: true, logger: Self.logger)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func theSummaryNamesEveryTableAndTheVerifiedTotals() {
        var rows = Dictionary(uniqueKeysWithValues: StoreCopyTable.all.map { ($0.name, 0) })
        rows["incident"] = 100
        rows["timeline"] = 100_500
        rows["alert"] = 100
        let summary = StoreMigrator.Summary(
            source: "/var/lib/sitrep/sitrep.sqlite", target: "sitrep on db1:5432",
            report: StoreCopyReport(rows: rows, chainHeadsVerified: 100), duration: .milliseconds(2_460))
        #expect(summary.lines.first == "copied /var/lib/sitrep/sitrep.sqlite to sitrep on db1:5432:")
        #expect(summary.lines.contains("  timeline     100500 rows"))
        #expect(summary.lines.count == StoreCopyTable.all.count + 2)
        let tables = StoreCopyTable.all.count
        #expect(
            summary.lines.last == "verified: \(tables) tables, 100700 rows, 100 incidents, 100 chain heads equal, in 2.5 s")
    }
}
