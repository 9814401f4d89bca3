import ArgumentParser
import Foundation
import SQLiteStore
import SitrepApp

/// Opens the database a config file names, for the offline subcommands (`verify`, `export`). Config problems
/// are printed to standard error, one per line, and end the command with status 1.
enum StoreOpening {
    static func open(config path: String) throws -> SQLiteIncidentStore {
        let config: SitrepConfig
        do {
            config = try SitrepConfig.load(path: path, environment: ProcessInfo.processInfo.environment)
        } catch {
            for line in error.lines { printError(line) }
            throw ExitCode.failure
        }
        do {
            return try SQLiteIncidentStore(path: config.store.sqlitePath)
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
