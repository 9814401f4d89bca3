import Foundation
import Logging
import PostgresNIO
import PostgresStore
import Testing

/// The local PostgreSQL server started by `deploy/local/postgres.sh up`, as the store tests see it.
///
/// Read from the process environment (CI exports `.local/pg/env`), else from `<package root>/.local/pg/env`. When it
/// is missing, the PostgreSQL cases are left out of `StoreBackend.allCases` with a loud message, except under
/// `CI=true`, where they run and fail. Each test gets a database of its own, dropped afterwards, so tests run in
/// parallel.
struct PostgresTestServer: Sendable {
    var host: String
    var port: Int
    var user: String
    var password: String
    /// A database the role may connect to, for creating and dropping the per-test ones.
    var adminDatabase: String
    /// The CA that signed the server's certificate.
    var caFile: String?

    struct Unavailable: Error, CustomStringConvertible {
        var reason: String
        var description: String {
            """
            POSTGRESQL STORE TESTS NEED THE LOCAL SERVER: \(reason)
            Start it with `deploy/local/postgres.sh up` (writes .local/pg/env), then run `swift test` again.
            """
        }
    }

    /// The server, loaded once per test process.
    static let current: Result<PostgresTestServer, Unavailable> = {
        let result = Result { try load() }.mapError { $0 as? Unavailable ?? Unavailable(reason: "\($0)") }
        if case .failure(let error) = result {
            let verdict = isCI ? "CI=true, so the PostgreSQL cases FAIL" : "the PostgreSQL cases are SKIPPED"
            FileHandle.standardError.write(Data("\n*** \(error.description)\n*** \(verdict).\n\n".utf8))
        }
        return result
    }()

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"]?.lowercased() == "true" }

    /// Whether PostgreSQL cases run: always in CI (where a missing server must fail), else when it is configured.
    static var shouldRun: Bool {
        if isCI { return true }
        if case .success = current { return true }
        return false
    }

    static func require() throws -> PostgresTestServer {
        switch current {
        case .success(let server): return server
        case .failure(let error):
            Issue.record("\(error.description)")
            throw error
        }
    }

    /// The store configuration for `database` on this server (plaintext on loopback unless `tls` says otherwise).
    func configuration(database: String, tls: PostgresStoreConfiguration.TLS = .disabled) -> PostgresStoreConfiguration {
        PostgresStoreConfiguration(
            hosts: [.init(host: host, port: port)], database: database, user: user, password: password, tls: tls,
            maximumConnections: 4)
    }

    /// Runs `body` with the name of a fresh, empty database that is dropped afterwards.
    func withDatabase(_ body: (String) async throws -> Void) async throws {
        let name = "sitrep_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await createDatabase(name)
        do {
            try await body(name)
        } catch {
            try? await admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
            throw error
        }
        try await admin("DROP DATABASE IF EXISTS \(name) WITH (FORCE)")
    }

    /// `CREATE DATABASE` copies `template1`, and PostgreSQL refuses while another session is connected to it
    /// (SQLSTATE 55006, which parallel tests creating databases provoke): such a refusal is tried again.
    private func createDatabase(_ name: String) async throws {
        for attempt in 1...10 {
            do {
                return try await admin("CREATE DATABASE \(name)")
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == "55006" && attempt < 10 {
                try await Task.sleep(for: .milliseconds(100 * attempt))
            }
        }
    }

    /// Runs one statement (DDL, no user input) on the admin database.
    func admin(_ sql: String) async throws {
        try await withConnection(database: adminDatabase) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
        }
    }

    /// A plain connection to `database` (to edit a store's tables behind its back).
    func withConnection(database: String, _ body: (PostgresConnection) async throws -> Void) async throws {
        let connection = try await PostgresConnection.connect(
            configuration: .init(
                host: host, port: port, username: user, password: password, database: database, tls: .disable),
            id: 1, logger: Self.logger)
        do {
            try await body(connection)
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }

    static let logger = Logger(label: "sitrep.tests.postgres") { _ in SwiftLogNoOpLogHandler() }

    /// `<package root>`, found from this file's path (`Tests/SQLiteStoreTests/PostgresTestServer.swift`).
    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    private static func load() throws -> PostgresTestServer {
        var values = ProcessInfo.processInfo.environment
        if values["SITREP_TEST_POSTGRES_PORT"] == nil {
            let file = packageRoot.appendingPathComponent(".local/pg/env")
            guard let text = try? String(contentsOf: file, encoding: .utf8) else {
                throw Unavailable(reason: "SITREP_TEST_POSTGRES_* are not set and \(file.path) does not exist")
            }
            for line in text.split(separator: "\n") {
                guard let equals = line.firstIndex(of: "=") else { continue }
                values[String(line[..<equals])] = String(line[line.index(after: equals)...])
            }
        }
        func value(_ key: String) throws -> String {
            guard let value = values["SITREP_TEST_POSTGRES_\(key)"], !value.isEmpty else {
                throw Unavailable(reason: "SITREP_TEST_POSTGRES_\(key) is not set")
            }
            return value
        }
        guard let port = Int(try value("PORT")) else { throw Unavailable(reason: "SITREP_TEST_POSTGRES_PORT is not a number") }
        return PostgresTestServer(
            host: try value("HOST"), port: port, user: try value("USER"), password: try value("PASSWORD"),
            adminDatabase: try value("DATABASE"), caFile: values["SITREP_TEST_POSTGRES_CA_FILE"])
    }
}
