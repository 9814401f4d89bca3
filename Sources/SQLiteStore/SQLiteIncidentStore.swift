import Foundation
import GRDB
import SitrepCore
import StoreKit

/// The embedded `IncidentStore`: one SQLite file in WAL mode, accessed through a GRDB `DatabasePool` (one
/// serialized writer, concurrent readers that never block it).
///
/// Durability: `synchronous = NORMAL` in WAL mode. A transaction that returned survives a crash or kill of the
/// sitrep process. On power loss or an OS crash the most recent transactions (those not yet checkpointed or
/// synced by the WAL) may be rolled back, but the database stays consistent: never a half-written batch or
/// an incident without its declaration entries.
public struct SQLiteIncidentStore: IncidentStore {
    let writer: DatabasePool
    let checkpointer: BackgroundCheckpointer
    /// The database file, for messages.
    public let path: String

    /// Opens (creating the file and its parent directories if needed) the database at `path` and brings its
    /// schema up to date.
    public init(path: String) throws {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            writer = try DatabasePool(path: path, configuration: Self.configuration)
            checkpointer = try BackgroundCheckpointer(path: path)
        } catch {
            throw StoreError.cannotOpen(path: path, reason: Self.reason(error))
        }
        do {
            try StoreMigrations.migrator.migrate(writer)
        } catch {
            throw StoreError.migrationFailed(path: path, reason: Self.reason(error))
        }
    }

    /// Closes the database; later calls throw. Optional: the pool also closes when the last copy goes away.
    public func close() throws {
        do {
            try writer.close()
        } catch {
            throw StoreError.wrap(error, operation: "close")
        }
    }

    private static var configuration: Configuration {
        var configuration = Configuration()
        configuration.label = "sitrep.store"
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // See the type's comment for what NORMAL guarantees in WAL mode.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Checkpoints run in the background, off the commit path: see `BackgroundCheckpointer`.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
        }
        return configuration
    }

    private static func reason(_ error: any Error) -> String {
        (error as? DatabaseError)?.description ?? "\(error)"
    }

    /// Runs `body` in one write transaction; errors become `StoreError`s naming `operation`.
    func write<T: Sendable>(
        _ operation: String,
        _ body: @Sendable (Database) throws -> T
    ) async throws
        -> T
    {
        do {
            return try await writer.write(body)
        } catch {
            throw StoreError.wrap(error, operation: operation)
        }
    }

    /// Runs `body` on a reader (a snapshot that never blocks the writer).
    func read<T: Sendable>(
        _ operation: String,
        _ body: @Sendable (Database) throws -> T
    ) async throws
        -> T
    {
        do {
            return try await writer.read(body)
        } catch {
            throw StoreError.wrap(error, operation: operation)
        }
    }
}
