import Foundation
import Testing

/// The local PostgreSQL of `deploy/local/postgres.sh up`, for the tests that run whole sitrep processes on it:
/// read from `SITREP_TEST_POSTGRES_*` (CI exports `.local/pg/env`) or from that file, each test in a database of
/// its own made and dropped with `psql`.
struct PostgresForTests: Sendable {
    var host: String
    var port: Int
    var user: String
    var password: String
    var adminDatabase: String
    var caFile: String?

    static let current: Result<PostgresForTests, IRCTestServers.Unavailable> = {
        var values = ProcessInfo.processInfo.environment
        if values["SITREP_TEST_POSTGRES_PORT"] == nil {
            let file = IRCTestServers.packageRoot.appendingPathComponent(".local/pg/env")
            if let text = try? String(contentsOf: file, encoding: .utf8) {
                values.merge(IRCTestServers.parseEnvFile(text)) { environment, _ in environment }
            }
        }
        guard let port = values["SITREP_TEST_POSTGRES_PORT"].flatMap(Int.init),
            let user = values["SITREP_TEST_POSTGRES_USER"], let password = values["SITREP_TEST_POSTGRES_PASSWORD"]
        else {
            let reason = "SITREP_TEST_POSTGRES_* not set and no .local/pg/env: start `deploy/local/postgres.sh up`"
            return .failure(IRCTestServers.Unavailable(reason: reason))
        }
        return .success(
            PostgresForTests(
                host: values["SITREP_TEST_POSTGRES_HOST"] ?? "127.0.0.1", port: port, user: user, password: password,
                adminDatabase: values["SITREP_TEST_POSTGRES_DATABASE"] ?? "postgres",
                caFile: values["SITREP_TEST_POSTGRES_CA_FILE"]))
    }()

    static var shouldRun: Bool {
        if IRCTestServers.isCI { return true }
        if case .success = current { return true }
        return false
    }

    static func require() throws -> PostgresForTests {
        switch current {
        case .success(let server): return server
        case .failure(let error):
            Issue.record("\(error.description)")
            throw error
        }
    }

    /// Runs one SQL statement as the test role on the admin database.
    func psql(_ sql: String, port: Int? = nil) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", "\(port ?? self.port)", "-U", user, "-d",
            adminDatabase, "-c", sql,
        ]
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = password
        environment["PGSSLMODE"] = "require"
        process.environment = environment
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Issue.record("psql failed (\(process.terminationStatus)) running: \(sql)")
            throw POSIXError(.EIO)
        }
    }

    /// A fresh database for one test.
    func createDatabase(_ name: String) throws {
        try psql("CREATE DATABASE \"\(name)\"")
    }

    func dropDatabase(_ name: String) {
        try? psql("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)")
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test when the local PostgreSQL is configured; skips it loudly otherwise, unless `CI=true`.
    static var postgresAvailable: Self {
        .enabled(
            if: PostgresForTests.shouldRun,
            "PostgreSQL not running: start it with `deploy/local/postgres.sh up` (CI=true makes this a failure)")
    }
}
