import ArgumentParser
import Foundation
import SQLiteStore
import SitrepApp
import SitrepCore

/// Opening the configured database for the offline subcommands (`search`, `report`).
enum StoreAccess {
    /// The validated config at `path`, or every problem on standard error and exit 1.
    static func config(_ path: String) throws -> SitrepConfig {
        do {
            return try SitrepConfig.load(path: path, environment: ProcessInfo.processInfo.environment)
        } catch {
            for line in error.lines { FileHandle.standardError.write(Data((line + "\n").utf8)) }
            throw ExitCode.failure
        }
    }

    /// The store of `config`; a failure to open is printed with its advice.
    static func open(_ config: SitrepConfig) throws -> SQLiteIncidentStore {
        do {
            return try SQLiteIncidentStore(path: config.store.sqlitePath)
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    static func now() -> Timestamp {
        Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
    }
}
