import Foundation
import Logging
import PostgresStore
import SQLiteStore
import SitrepCore
import SitrepTestSupport
import Testing

/// The `IncidentStore` implementations the contract tests run against: every test in `StoreContract*` and
/// `SearchStoreTests` runs against each unchanged; only this file knows about concrete backends.
enum StoreBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// SQLite always; PostgreSQL when its test server is configured (always under CI=true, where a missing
    /// server fails the PostgreSQL cases), see `LocalPostgres`.
    static var allCases: [StoreBackend] {
        LocalPostgres.shouldRun ? [.sqlite, .postgres] : [.sqlite]
    }

    var testDescription: String { rawValue }

    /// Runs `body` with fresh, empty storage that is deleted afterwards.
    func withStorage(_ body: (StoreStorage) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("sitrep-store-tests-\(UUID())")
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("sitrep.sqlite").path
            try await body(
                StoreStorage {
                    let store = try SQLiteIncidentStore(path: path)
                    return OpenedStore(store: store, close: store.close)
                }
            )
        case .postgres:
            let server = try LocalPostgres.require()
            try await server.withDatabase { database in
                try await body(
                    StoreStorage {
                        let store = try await PostgresIncidentStore.open(
                            configuration: server.configuration(database: database), logger: LocalPostgres.logger)
                        return OpenedStore(store: store, close: store.close)
                    }
                )
            }
        }
    }

    /// Runs `body` with a store opened on fresh storage, closed and deleted afterwards.
    func withStore(_ body: (any IncidentStore) async throws -> Void) async throws {
        try await withStorage { storage in
            let opened = try await storage.open()
            defer { try? opened.close() }
            try await body(opened.store)
        }
    }
}

/// Storage that can be opened several times in a row, to test a restart.
struct StoreStorage: Sendable {
    let open: @Sendable () async throws -> OpenedStore
}

/// An open store and how to close it (as a process exit would, minus the crash).
struct OpenedStore: Sendable {
    let store: any IncidentStore
    let close: @Sendable () throws -> Void
}
