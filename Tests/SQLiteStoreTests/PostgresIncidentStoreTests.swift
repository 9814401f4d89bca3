import Foundation
import PostgresNIO
import PostgresStore
import SQLiteStore
import SitrepCore
import SitrepTestSupport
import Testing
import StoreKit

/// What only the PostgreSQL backend does: migrations under a lock, several writers on one database, host
/// selection, TLS, tampering behind its back, and the same chain as SQLite. Needs `deploy/local/postgres.sh up`.
@Suite(.enabled(if: LocalPostgres.shouldRun, "PostgreSQL not configured: deploy/local/postgres.sh up"))
struct PostgresIncidentStoreTests {
    private func open(_ server: LocalPostgres, _ configuration: PostgresStoreConfiguration) async throws
        -> PostgresIncidentStore
    {
        try await PostgresIncidentStore.open(configuration: configuration, logger: LocalPostgres.logger)
    }

    @Test func twoStoresOpeningAnEmptyDatabaseTogetherMigrateItOnce() async throws {
        let server = try LocalPostgres.require()
        try await server.withDatabase { database in
            let configuration = server.configuration(database: database)
            async let first = open(server, configuration)
            async let second = open(server, configuration)
            let stores = try await [first, second]
            try await Fixtures.declare(1, in: stores[0])
            #expect(try await stores[1].incident(id: 1) == Fixtures.incident(1))
            for store in stores { await store.shutdown() }
            var versions: [Int64] = []
            try await server.withConnection(database: database) { connection in
                let rows = try await connection.query("SELECT version FROM schema_migrations ORDER BY version", logger: LocalPostgres.logger)
                for try await version in rows.decode(Int64.self) { versions.append(version) }
            }
            #expect(versions == Array(1...10), "every migration applied once")
        }
    }

    @Test func aDatabaseMigratedByANewerSitrepIsRefused() async throws {
        let server = try LocalPostgres.require()
        try await server.withDatabase { database in
            try await open(server, server.configuration(database: database)).shutdown()
            try await server.withConnection(database: database) { connection in
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')",
                    logger: LocalPostgres.logger)
            }
            await #expect {
                _ = try await open(server, server.configuration(database: database))
            } throws: { error in
                "\(error)".contains("schema version 99")
            }
        }
    }

    @Test func twoStoresWritingOneIncidentKeepSequencesGaplessAndTheChainIntact() async throws {
        let server = try LocalPostgres.require()
        try await server.withDatabase { database in
            let configuration = server.configuration(database: database)
            let stores = [try await open(server, configuration), try await open(server, configuration)]
            try await Fixtures.declare(2, in: stores[0])
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for (writer, store) in stores.enumerated() {
                        for task in 0..<3 {
                            group.addTask {
                                for batch in 0..<20 {
                                    try await store.append(
                                        (0..<10).map { Fixtures.line(1 + Int64(($0 + batch) % 2), "w\(writer) t\(task) \(batch)") })
                                }
                            }
                        }
                    }
                    try await group.waitForAll()
                }
            } catch {
                // PSQLError's description hides the server's message; the reflection names the SQLSTATE.
                Issue.record("concurrent appends failed: \(String(reflecting: error))")
                throw error
            }
            for id: Int64 in [1, 2] {
                let timeline = try await stores[1].timeline(incidentID: id, limit: nil, keyEventsOnly: false)
                #expect(timeline.map(\.sequence) == Array(1...Int64(timeline.count)))
                #expect(try await stores[0].verify(incidentID: id) == .intact(count: timeline.count, head: try await stores[1].chainHead(incidentID: id).hash))
            }
            let total = try await stores[0].timeline(incidentID: 1, limit: nil, keyEventsOnly: false).count
                + stores[0].timeline(incidentID: 2, limit: nil, keyEventsOnly: false).count
            #expect(total == 2 * 3 * 20 * 10)
            for store in stores { await store.shutdown() }
        }
    }

    @Test func theChainHasTheSameHashesAsSQLite() async throws {
        let server = try LocalPostgres.require()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-pg-chain-\(UUID())")
        defer { try? FileManager.default.removeItem(at: directory) }
        let sqlite = try SQLiteIncidentStore(path: directory.appendingPathComponent("sitrep.sqlite").path)
        defer { try? sqlite.close() }
        try await server.withDatabase { database in
            let postgres = try await open(server, server.configuration(database: database))
            let entries = [
                Fixtures.line(1, "first"), Fixtures.line(1, "nul\u{0}and dle\u{10} bytes", author: "Ärger"),
                TimelineEntry(incidentID: 1, time: Fixtures.start, kind: .lifecycle, author: "sitrep", text: "", detail: ""),
            ]
            for store in [sqlite, postgres] as [any IncidentStore] {
                try await Fixtures.declare(1, in: store)
                try await store.append(entries)
            }
            #expect(try await postgres.chainHead(incidentID: 1) == (try await sqlite.chainHead(incidentID: 1)))
            #expect(try await postgres.chainedEntries(incidentID: 1, after: 0, limit: 10)
                == (try await sqlite.chainedEntries(incidentID: 1, after: 0, limit: 10)))
            await postgres.shutdown()
        }
    }

    @Test func editsBehindTheStoresBackAreCaughtByVerify() async throws {
        let server = try LocalPostgres.require()
        try await server.withDatabase { database in
            let store = try await open(server, server.configuration(database: database))
            try await Fixtures.declare(2, in: store)
            try await store.append((0..<100).map { Fixtures.line(1 + Int64($0 % 2), "line \($0)") })
            try await server.withConnection(database: database) { connection in
                let logger = LocalPostgres.logger
                try await connection.query("UPDATE timeline SET text = 'nothing happened' WHERE incident_id = 1 AND seq = 17", logger: logger)
                try await connection.query("DELETE FROM timeline WHERE incident_id = 2 AND seq > 45", logger: logger)
            }
            #expect(try await store.verify(incidentID: 1).brokenAt == 17)
            #expect(try await store.verify(incidentID: 2).brokenAt == 46)
            try await store.append([Fixtures.line(2, "after the deletion")])
            #expect(try await store.verify(incidentID: 2).brokenAt == 46, "appending does not hide a removed tail")
            #expect(try await store.timeline(incidentID: 2, limit: 1, keyEventsOnly: false).first?.sequence == 51)
            await store.shutdown()
        }
    }

    @Test func theFirstHostThatAcceptsConnectionsIsUsedAndEveryFailureIsNamed() async throws {
        let server = try LocalPostgres.require()
        try await server.withDatabase { database in
            var configuration = server.configuration(database: database)
            let closed = PostgresStoreConfiguration.Host(host: "127.0.0.1", port: 1)
            configuration.hosts = [closed] + configuration.hosts
            let store = try await open(server, configuration)
            #expect(try await store.openIncidents().isEmpty)
            await store.shutdown()

            configuration.hosts = [closed]
            await #expect {
                _ = try await open(server, configuration)
            } throws: { error in
                guard case .noWritableHost(let attempts) = error as? StoreError else { return false }
                return attempts.count == 1 && attempts[0].hasPrefix("127.0.0.1:1: ")
            }
        }
    }

    @Test func wrongPasswordSaysToCheckTheCredentials() async throws {
        let server = try LocalPostgres.require()
        var configuration = server.configuration(database: server.adminDatabase)
        configuration.password = "not-the-password"
        await #expect {
            _ = try await open(server, configuration)
        } throws: { error in
            let text = "\(error)"
            return text.contains("password authentication failed") && !text.contains(server.password)
        }
    }

    @Test func tlsIsVerifiedAgainstTheConfiguredCA() async throws {
        let server = try LocalPostgres.require()
        let caFile = try #require(server.caFile, "SITREP_TEST_POSTGRES_CA_FILE is not set")
        try await server.withDatabase { database in
            let store = try await open(server, server.configuration(database: database, tls: .verified(caFile: caFile)))
            try await Fixtures.declare(1, in: store)
            await store.shutdown()
            await #expect(throws: StoreError.self, "the test CA is not among the system roots") {
                _ = try await open(server, server.configuration(database: database, tls: .verified(caFile: nil)))
            }
        }
    }
}

extension ChainVerification {
    /// The first broken sequence, or nil when intact.
    var brokenAt: Int64? {
        guard case .broken(let first, _) = self else { return nil }
        return first
    }
}
