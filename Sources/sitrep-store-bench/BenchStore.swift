import Foundation
import Logging
import BenchSupport
import PostgresStore
import SQLiteStore
import SitrepCore

/// A fresh store of one backend for one benchmark run, and how to dispose of it.
struct BenchStore {
    var store: any IncidentStore
    var describe: () -> String
    var finish: () async throws -> Void

    /// A new SQLite file in a temporary directory, deleted afterwards unless `keep`.
    static func sqlite(keep: Bool) throws -> BenchStore {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-store-bench-\(UUID())")
        let path = directory.appendingPathComponent("sitrep.sqlite").path
        let store = try SQLiteIncidentStore(path: path)
        return BenchStore(
            store: store,
            describe: {
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                return "database file \(size / 1_000_000) MB (before checkpoint)"
            },
            finish: {
                try store.close()
                if keep { print("kept \(path)") } else { try? FileManager.default.removeItem(at: directory) }
            })
    }

    /// A new database on the server named by `SITREP_TEST_POSTGRES_*` (`.local/pg/env`), dropped afterwards.
    static func postgres() async throws -> BenchStore {
        let server = try await BenchPostgres.create(prefix: "sitrep_bench_")
        let store = try await PostgresIncidentStore.open(
            configuration: PostgresStoreConfiguration(
                hosts: [.init(host: server.host, port: server.port)], database: server.database, user: server.user,
                password: server.password, tls: .disabled),
            logger: Logger(label: "sitrep-store-bench"))
        return BenchStore(
            store: store,
            describe: { "PostgreSQL database \(server.database) on \(server.host):\(server.port), dropped" },
            finish: {
                await store.shutdown()
                try await server.drop()
            })
    }
}
