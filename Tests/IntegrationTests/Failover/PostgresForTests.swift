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
        guard let server = PostgresForTests(values) else {
            let reason = "SITREP_TEST_POSTGRES_* not set and no .local/pg/env: start `deploy/local/postgres.sh up`"
            return .failure(IRCTestServers.Unavailable(reason: reason))
        }
        return .success(server)
    }()

    /// From `SITREP_TEST_POSTGRES_*` values (an env file of `deploy/local/postgres.sh`); nil when incomplete.
    init?(_ values: [String: String]) {
        guard let port = values["SITREP_TEST_POSTGRES_PORT"].flatMap(Int.init),
            let user = values["SITREP_TEST_POSTGRES_USER"], let password = values["SITREP_TEST_POSTGRES_PASSWORD"]
        else { return nil }
        self.init(
            host: values["SITREP_TEST_POSTGRES_HOST"] ?? "127.0.0.1", port: port, user: user, password: password,
            adminDatabase: values["SITREP_TEST_POSTGRES_DATABASE"] ?? "postgres",
            caFile: values["SITREP_TEST_POSTGRES_CA_FILE"])
    }

    init(host: String, port: Int, user: String, password: String, adminDatabase: String, caFile: String?) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.adminDatabase = adminDatabase
        self.caFile = caFile
    }

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
    func psql(_ sql: String, quiet: Bool = false) async throws {
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = password
        environment["PGSSLMODE"] = "require"
        do {
            try await Subprocess.run(
                "/usr/bin/env",
                [
                    "psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", host, "-p", "\(port)", "-U", user, "-d",
                    adminDatabase, "-c", sql,
                ], environment: environment, name: "psql -c \(sql)")
        } catch {
            if !quiet { Issue.record("\(error)") }
            throw error
        }
    }

    /// A fresh database for one test (tried again while parallel tests hold `template1`, which PostgreSQL
    /// needs to itself while copying it).
    func createDatabase(_ name: String) async throws {
        for attempt in 1...10 {
            do {
                return try await psql("CREATE DATABASE \"\(name)\"", quiet: attempt < 10)
            } catch where attempt < 10 {
                try await Task.sleep(for: .milliseconds(100 * attempt))
            }
        }
    }

    func dropDatabase(_ name: String) async {
        try? await psql("DROP DATABASE IF EXISTS \"\(name)\" WITH (FORCE)", quiet: true)
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

/// A synchronously replicated PostgreSQL pair of `deploy/local/postgres.sh pair-up`, fresh for one test in a
/// temporary folder: the primary, the hot standby, and the commands that stop the one and promote the other.
struct PostgresPairForTests {
    let directory: URL
    let primary: PostgresForTests
    let standbyPort: Int

    static func up(basePort: Int) async throws -> PostgresPairForTests {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-pgpair-\(UUID().uuidString)")
        do {
            try await script("pair-up", directory, "\(basePort)")
        } catch {
            // A pair-up that failed half-way (the standby's port taken) leaves the primary running: stop it.
            try? await script("destroy", directory)
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        let text = try String(contentsOf: directory.appendingPathComponent("env"), encoding: .utf8)
        let values = IRCTestServers.parseEnvFile(text)
        guard let primary = PostgresForTests(values),
            let standbyPort = values["SITREP_TEST_POSTGRES_STANDBY_PORT"].flatMap(Int.init)
        else { throw IRCTestServers.Unavailable(reason: "pair-up wrote an incomplete \(directory.path)/env") }
        return PostgresPairForTests(directory: directory, primary: primary, standbyPort: standbyPort)
    }

    var hosts: [String] { ["\(primary.host):\(primary.port)", "\(primary.host):\(standbyPort)"] }

    func stopPrimary() async throws { try await Self.script("stop-primary", directory) }
    func promote() async throws { try await Self.script("promote", directory) }
    func destroy() async {
        try? await Self.script("destroy", directory)
        try? FileManager.default.removeItem(at: directory)
    }

    private static func script(_ command: String, _ directory: URL, _ arguments: String...) async throws {
        do {
            let script = IRCTestServers.packageRoot.appendingPathComponent("deploy/local/postgres.sh").path
            try await Subprocess.run("/bin/bash", [script, command, directory.path] + arguments)
        } catch {
            Issue.record("\(error)")
            throw error
        }
    }
}
