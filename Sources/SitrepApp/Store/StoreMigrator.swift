import Foundation
import Logging
import PostgresStore
import SQLiteStore
import SitrepCore

/// Moves a single-machine deployment's history from its SQLite file to PostgreSQL (`sitrep migrate-store`).
///
/// Reads the SQLite file in one snapshot (the bot may keep running on it) and copies it with
/// `PostgresIncidentStore.importHistory`: one transaction, verified before it commits (row counts of every table,
/// every incident's chain head), so a failed or refused migration leaves the target as it was.
public enum StoreMigrator {
    /// What was copied, from where to where, and how long it took.
    public struct Summary: Sendable {
        public var source: String
        public var target: String
        public var report: StoreCopyReport
        public var duration: Duration

        /// The lines `sitrep migrate-store` prints: one per table, then the totals.
        public var lines: [String] {
            var lines = StoreCopyTable.all.map { table in
                "  \(table.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(report.rows[table.name] ?? 0) rows"
            }
            let seconds = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
            lines.insert("copied \(source) to \(target):", at: 0)
            lines.append(
                "verified: \(report.tables) tables, \(report.totalRows) rows, \(report.incidents) incidents, "
                    + "\(report.chainHeadsVerified) chain heads equal, in \(String(format: "%.1f", seconds)) s")
            return lines
        }
    }

    /// Copies the SQLite store at `sqlitePath` into the PostgreSQL store `postgres` describes.
    ///
    /// - Parameter force: copy even into a target that holds history, deleting that history first.
    /// - Parameter progress: called after each page copied, with the table and its rows copied so far.
    public static func migrate(
        sqlitePath: String, to postgres: PostgresStoreConfiguration, force: Bool, logger: Logger,
        progress: @escaping @Sendable (StoreCopyTable, Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        guard FileManager.default.fileExists(atPath: sqlitePath) else {
            throw StoreMigratorError.sourceMissing(path: sqlitePath)
        }
        let clock = ContinuousClock()
        let start = clock.now
        let source = try SQLiteIncidentStore(path: sqlitePath)
        defer { try? source.close() }
        let snapshot = try source.snapshot()
        let target = try await PostgresIncidentStore.open(configuration: postgres, logger: logger)
        defer { target.close() }
        let report = try await target.importHistory(from: snapshot, replacing: force, progress: progress)
        return Summary(source: sqlitePath, target: target.location, report: report, duration: clock.now - start)
    }

    /// `migrate` into the PostgreSQL store of a loaded config.
    public static func migrate(
        sqlitePath: String, to config: SitrepConfig, force: Bool, logger: Logger,
        progress: @escaping @Sendable (StoreCopyTable, Int) -> Void = { _, _ in }
    ) async throws -> Summary {
        guard let postgres = config.store.postgres else { throw StoreMigratorError.targetNotPostgres }
        return try await migrate(
            sqlitePath: sqlitePath, to: PostgresStoreConfiguration(postgres), force: force, logger: logger,
            progress: progress)
    }
}

/// Why `sitrep migrate-store` could not start.
public enum StoreMigratorError: Error, Sendable, Equatable, CustomStringConvertible {
    case sourceMissing(path: String)
    case targetNotPostgres

    public var description: String {
        switch self {
        case .sourceMissing(let path):
            "the SQLite file \(path) does not exist; give --from the store.sqlite.path of the running deployment"
        case .targetNotPostgres:
            "the --to config has no store.postgres section; write the PostgreSQL settings (hosts, database, user, "
                + "password_file, tls) into it first, check it with `sitrep check-config`, then migrate"
        }
    }
}
