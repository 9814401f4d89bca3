import Foundation
import Logging
import PostgresNIO
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
        let environment = ProcessInfo.processInfo.environment
        guard let host = environment["SITREP_TEST_POSTGRES_HOST"],
            let port = environment["SITREP_TEST_POSTGRES_PORT"].flatMap({ Int($0) }),
            let user = environment["SITREP_TEST_POSTGRES_USER"], let admin = environment["SITREP_TEST_POSTGRES_DATABASE"]
        else {
            FileHandle.standardError.write(Data("set SITREP_TEST_POSTGRES_* (deploy/local/postgres.sh up)\n".utf8))
            exit(2)
        }
        let password = environment["SITREP_TEST_POSTGRES_PASSWORD"]
        let logger = Logger(label: "sitrep-store-bench")
        let database = "sitrep_bench_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        @Sendable func adminStatement(_ sql: String) async throws {
            let connection = try await PostgresConnection.connect(
                configuration: .init(
                    host: host, port: port, username: user, password: password, database: admin, tls: .disable),
                id: 0, logger: logger)
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: logger)
            try await connection.close()
        }
        try await adminStatement("CREATE DATABASE \(database)")
        let store = try await PostgresIncidentStore.open(
            configuration: PostgresStoreConfiguration(
                hosts: [.init(host: host, port: port)], database: database, user: user, password: password,
                tls: .disabled),
            logger: logger)
        return BenchStore(
            store: store, describe: { "PostgreSQL database \(database) on \(host):\(port), dropped" },
            finish: {
                await store.shutdown()
                try await adminStatement("DROP DATABASE \(database) WITH (FORCE)")
            })
    }
}
