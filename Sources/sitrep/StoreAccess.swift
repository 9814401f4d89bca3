import ArgumentParser
import Foundation
import Logging
import SitrepApp
import SitrepCore

/// Loading the config and opening the configured database, for `run` and the offline subcommands (`review`,
/// `search`, `report`, `verify`, `export`). Problems go to standard error and end the command with status 1.
enum StoreAccess {
    /// The validated config at `path`, or every problem on standard error and exit 1. `secrets` says which secrets
    /// are read: `run` needs them all, the commands that only read the store pass `.store` (no chat password).
    static func config(_ path: String, secrets: SitrepConfig.Secrets) throws -> SitrepConfig {
        do {
            return try SitrepConfig.load(
                path: path, environment: ProcessInfo.processInfo.environment, secrets: secrets)
        } catch {
            for line in error.lines { printError(line) }
            throw ExitCode.failure
        }
    }

    /// The store the config file at `path` names, for a command that only reads it (no chat secret needed).
    static func open(config path: String) async throws -> any IncidentStore {
        try await open(try config(path, secrets: .store))
    }

    static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The store of `config` (SQLite or PostgreSQL, `ConfiguredStore`); a failure to open is printed with its
    /// advice.
    static func open(_ config: SitrepConfig) async throws -> any IncidentStore {
        do {
            return try await ConfiguredStore.open(config.store, logger: storeLogger)
        } catch {
            printError("\(error)")
            throw ExitCode.failure
        }
    }

    /// Warnings and errors of the store on standard error; standard output is the command's own (JSON, CSV…).
    private static var storeLogger: Logger {
        Logger(label: "sitrep") { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .warning
            return handler
        }
    }

    static func now() -> Timestamp {
        Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
    }
}
