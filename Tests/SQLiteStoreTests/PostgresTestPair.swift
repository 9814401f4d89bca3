import Foundation
import Logging
import PostgresNIO
import PostgresStore
import Synchronization
import Testing

/// A fresh, synchronously replicated PostgreSQL pair in a temporary directory, made by
/// `deploy/local/postgres.sh pair-up` for one failover test and destroyed after it.
///
/// Needs the PostgreSQL 15 binaries (Debian's `postgresql-15`). When they are missing the failover tests are
/// skipped with a loud message, except under `CI=true`, where they run and fail.
struct PostgresTestPair: Sendable {
    let directory: URL
    let primary: PostgresStoreConfiguration.Host
    let standby: PostgresStoreConfiguration.Host
    let user: String
    let password: String
    let database: String
    let caFile: String

    static let binaries = "/usr/lib/postgresql/15/bin"

    /// Whether the failover cases run: always in CI (where missing binaries must fail), else when installed.
    static let shouldRun: Bool = {
        if PostgresTestServer.isCI { return true }
        let installed = FileManager.default.isExecutableFile(atPath: "\(binaries)/pg_basebackup")
        if !installed {
            FileHandle.standardError.write(
                Data(
                    """

                    *** POSTGRESQL FAILOVER TESTS NEED \(binaries) (apt-get install postgresql-15); they are SKIPPED.

                    """.utf8))
        }
        return installed
    }()

    /// Starts a pair on `basePort` (primary) and `basePort + 1` (standby).
    static func up(basePort: Int) async throws -> PostgresTestPair {
        guard FileManager.default.isExecutableFile(atPath: "\(binaries)/pg_basebackup") else {
            Issue.record("CI=true but \(binaries)/pg_basebackup is missing: install postgresql-15")
            throw PostgresTestServer.Unavailable(reason: "\(binaries) is missing")
        }
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("sitrep-pair-\(UUID().uuidString.prefix(8).lowercased())")
        do {
            try await script("pair-up", directory, "\(basePort)")
        } catch {
            // A pair-up that failed half-way (the standby's port taken) leaves the primary running: stop it.
            try? await script("destroy", directory)
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        let text = try String(contentsOf: directory.appendingPathComponent("env"), encoding: .utf8)
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        func value(_ key: String) -> String { values["SITREP_TEST_POSTGRES_\(key)"] ?? "" }
        let host = value("HOST")
        return PostgresTestPair(
            directory: directory, primary: .init(host: host, port: Int(value("PORT")) ?? 0),
            standby: .init(host: host, port: Int(value("STANDBY_PORT")) ?? 0), user: value("USER"),
            password: value("PASSWORD"), database: value("DATABASE"), caFile: value("CA_FILE"))
    }

    /// Stops the primary at once (immediate shutdown), as if its machine died.
    func stopPrimary() async throws { try await Self.script("stop-primary", directory) }

    /// Promotes the standby; returns once it accepts writes.
    func promote() async throws { try await Self.script("promote", directory) }

    /// Stops both servers and deletes the directory.
    func destroy() async { try? await Self.script("destroy", directory) }

    /// The store's configuration for `hosts`, over TLS verified against the pair's CA.
    func configuration(hosts: [PostgresStoreConfiguration.Host]) -> PostgresStoreConfiguration {
        PostgresStoreConfiguration(
            hosts: hosts, database: database, user: user, password: password, tls: .verified(caFile: caFile),
            maximumConnections: 4, connectTimeout: .seconds(5), failoverTimeout: .seconds(20))
    }

    /// A store on `hosts` of this pair.
    func openStore(
        hosts: [PostgresStoreConfiguration.Host], logger: Logger = PostgresTestServer.logger
    ) async throws -> PostgresIncidentStore {
        try await PostgresIncidentStore.open(configuration: configuration(hosts: hosts), logger: logger)
    }

    /// A plain connection to `host` (to read what reached the standby, or ask who is primary).
    func withConnection<T>(to host: PostgresStoreConfiguration.Host, _ body: (PostgresConnection) async throws -> T)
        async throws -> T
    {
        let connection = try await PostgresConnection.connect(
            configuration: .init(
                host: host.host, port: host.port, username: user, password: password, database: database,
                tls: .disable),
            id: 1, logger: PostgresTestServer.logger)
        do {
            let result = try await body(connection)
            try await connection.close()
            return result
        } catch {
            try? await connection.close()
            throw error
        }
    }

    /// Runs `deploy/local/postgres.sh COMMAND DIR [ARG]`; its output goes to DIR/../<name>.log, quoted on failure.
    private static func script(_ command: String, _ directory: URL, _ arguments: String...) async throws {
        let log = URL(fileURLWithPath: directory.path + ".log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let output = try FileHandle(forWritingTo: log)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = PostgresTestServer.packageRoot.appendingPathComponent("deploy/local/postgres.sh")
        process.arguments = [command, directory.path] + arguments
        process.standardOutput = output
        process.standardError = output
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(at: log)
        guard status == 0 else {
            throw PostgresTestServer.Unavailable(reason: "postgres.sh \(command) failed (exit \(status)):\n\(text)")
        }
    }
}

/// A swift-log handler that keeps each record's text, to assert on what an operator would read.
struct LogLines: LogHandler {
    final class Records: Sendable {
        private let lines = Mutex<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        func append(_ line: String) { lines.withLock { $0.append(line) } }
    }

    let records: Records
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    func log(event: LogEvent) {
        let fields = metadata.merging(event.metadata ?? [:]) { $1 }.map { "\($0.key)=\($0.value)" }.sorted()
        records.append("\(event.level) \(event.message) \(fields.joined(separator: " "))")
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
}
