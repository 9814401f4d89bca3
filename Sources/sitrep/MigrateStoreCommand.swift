import ArgumentParser
import Foundation
import Logging
import SitrepApp

/// `sitrep migrate-store --from FILE --to CONFIG [--force]`: copies a SQLite store's whole history into the
/// PostgreSQL store a config names, and verifies the copy.
struct MigrateStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate-store",
        abstract: "Copy the whole history from a SQLite store into PostgreSQL, and verify it.",
        discussion: """
            Reads the SQLite file in one snapshot (the bot may keep running on it; lines it records after the \
            snapshot are not copied, so stop it before switching over) and copies every table into the database \
            of the --to config's store.postgres section in one transaction, ids kept. Before committing it checks \
            that every table has as many rows on both sides and that every incident's last timeline line has the \
            same hash; on any difference or error nothing is kept and the command exits 1. Refuses a database \
            that already holds incidents, timeline lines or alerts unless --force, which deletes them first.
            """
    )

    @Option(help: "The SQLite store file of the running deployment (its store.sqlite.path).")
    var from: String

    @Option(help: "The sitrep YAML configuration whose store.postgres section names the target database.")
    var to: String

    @Flag(help: "Delete the target's sitrep history (incidents, timelines, alerts…) and copy over it.")
    var force = false

    func run() async throws {
        let config = try StoreAccess.config(to, secrets: .store)
        do {
            let summary = try await StoreMigrator.migrate(
                sqlitePath: from, to: config, force: force, logger: logger,
                progress: { table, rows in logger.debug("copied", metadata: ["table": "\(table)", "rows": "\(rows)"]) })
            for line in summary.lines { print(line) }
        } catch {
            StoreAccess.printError("migrate-store: \(error)")
            throw ExitCode.failure
        }
    }

    private var logger: Logger {
        Logger(label: "sitrep.migrate-store") { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
    }
}
