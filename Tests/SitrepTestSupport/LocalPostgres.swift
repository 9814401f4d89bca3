import Foundation
import Logging
import PostgresNIO
import Testing

/// The local PostgreSQL of `deploy/local/postgres.sh up` (`SITREP_TEST_POSTGRES_*`, from the environment or
/// `.local/pg/env`), for the store tests and for the tests that run whole sitrep processes on it. Each test works
/// in a database of its own, made and dropped here, so tests run in parallel.
public struct LocalPostgres: LocalServerHelper {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String
    /// A database the role may connect to, for creating and dropping the per-test ones.
    public var adminDatabase: String
    /// The CA that signed the server's certificate.
    public var caFile: String?

    public init(host: String, port: Int, user: String, password: String, adminDatabase: String, caFile: String?) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.adminDatabase = adminDatabase
        self.caFile = caFile
    }

    /// From the `SITREP_TEST_POSTGRES_*` values of an env file of `deploy/local/postgres.sh`.
    public init(_ settings: LocalServerSettings) throws(LocalServerUnavailable) {
        self.init(
            host: try settings.string("SITREP_TEST_POSTGRES_HOST"),
            port: try settings.port("SITREP_TEST_POSTGRES_PORT"),
            user: try settings.string("SITREP_TEST_POSTGRES_USER"),
            password: try settings.string("SITREP_TEST_POSTGRES_PASSWORD"),
            adminDatabase: try settings.string("SITREP_TEST_POSTGRES_DATABASE"),
            caFile: settings.optional("SITREP_TEST_POSTGRES_CA_FILE"))
    }

    /// The server, loaded once per test process.
    public static let availability = LocalServerAvailability(.postgres) { () throws(LocalServerUnavailable) in
        try LocalPostgres(LocalServer.postgres.settings())
    }

    /// A logger that drops everything, for the connections the tests open.
    public static let logger = Logger(label: "sitrep.tests.postgres") { _ in SwiftLogNoOpLogHandler() }

    /// The same server on another port (the standby of a pair).
    public func on(port: Int) -> LocalPostgres {
        var server = self
        server.port = port
        return server
    }

    /// Runs `body` with the name of a fresh, empty database that is dropped afterwards.
    public func withDatabase(_ body: (String) async throws -> Void) async throws {
        let name = "sitrep_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        try await createDatabase(name)
        do {
            try await body(name)
        } catch {
            await dropDatabase(name)
            throw error
        }
        try await drop(name)
    }

    /// Creates the database `name`. `CREATE DATABASE` copies `template1`, and PostgreSQL refuses while another
    /// session is connected to it (SQLSTATE 55006, which parallel tests creating databases provoke): such a
    /// refusal is tried again.
    public func createDatabase(_ name: String) async throws {
        try await admin("CREATE DATABASE \"\(name)\"", retryingOn: "55006")
    }

    /// Drops the database `name` and ends its sessions; a failure is ignored (cleanup).
    public func dropDatabase(_ name: String) async {
        try? await drop(name)
    }

    /// Drops the database `name`, ending its sessions. An autovacuum worker busy in it is a session the test role
    /// may not end (SQLSTATE 42501, "must be a member of the role whose process is being terminated"): such a
    /// refusal is tried again once the worker is done.
    private func drop(_ name: String) async throws {
        try await admin("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)", retryingOn: "42501")
    }

    /// Runs `sql` on the admin database, again up to 9 times, 0.1 s later each time, while it fails with `sqlState`.
    private func admin(_ sql: String, retryingOn sqlState: String) async throws {
        for attempt in 1...10 {
            do {
                return try await admin(sql)
            } catch let error as PSQLError where error.serverInfo?[.sqlState] == sqlState && attempt < 10 {
                try await Task.sleep(for: .milliseconds(100 * attempt))
            }
        }
    }

    /// Runs one statement (DDL, no user input) on the admin database.
    public func admin(_ sql: String) async throws {
        try await withConnection(database: adminDatabase) { connection in
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
        }
    }

    /// A plain connection to `database` (the admin one unless named), to read or edit a store's tables behind its
    /// back.
    @discardableResult
    public func withConnection<T>(database: String? = nil, _ body: (PostgresConnection) async throws -> T)
        async throws -> T
    {
        let connection = try await PostgresConnection.connect(
            configuration: .init(
                host: host, port: port, username: user, password: password, database: database ?? adminDatabase,
                tls: .disable),
            id: 1, logger: Self.logger)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test when the local PostgreSQL is configured; skips it loudly otherwise, unless `CI=true`.
    public static var postgresAvailable: Self {
        .enabled(
            if: LocalPostgres.shouldRun,
            "PostgreSQL not running: start it with `deploy/local/postgres.sh up` (CI=true makes this a failure)")
    }
}
