import Foundation
import Testing

/// A fresh, synchronously replicated PostgreSQL pair of `deploy/local/postgres.sh pair-up` in a temporary folder,
/// for one failover test: the primary, the hot standby, and the commands that stop the one and promote the other.
///
/// Needs the PostgreSQL 15 binaries (Debian's `postgresql-15`).
public struct LocalPostgresPair: Sendable {
    public let directory: URL
    /// The primary; its `adminDatabase` is the database the pair replicates.
    public let primary: LocalPostgres
    /// The hot standby: the primary's host, role and database on `standbyPort`.
    public let standby: LocalPostgres

    public var standbyPort: Int { standby.port }
    public var password: String { primary.password }

    /// Both servers as `host:port`, primary first, as a sitrep config lists them.
    public var hosts: [String] { ["\(primary.host):\(primary.port)", "\(standby.host):\(standby.port)"] }

    public static let binaries = "/usr/lib/postgresql/15/bin"

    /// Whether the failover tests run: always in CI (where missing binaries must fail), else when installed.
    public static let shouldRun: Bool = {
        if LocalServer.isCI { return true }
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
    public static func up(basePort: Int) async throws -> LocalPostgresPair {
        guard FileManager.default.isExecutableFile(atPath: "\(binaries)/pg_basebackup") else {
            Issue.record("\(binaries)/pg_basebackup is missing: install postgresql-15")
            throw LocalServerUnavailable(.postgres, "\(binaries) is missing")
        }
        // Short: the servers' Unix sockets live under it.
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
        let settings = LocalServerSettings(server: .postgres, values: LocalServer.parseEnvFile(text))
        let primary = try LocalPostgres(settings)
        let standby = primary.on(port: try settings.port("SITREP_TEST_POSTGRES_STANDBY_PORT"))
        return LocalPostgresPair(directory: directory, primary: primary, standby: standby)
    }

    /// Stops the primary at once (immediate shutdown), as if its machine died.
    public func stopPrimary() async throws { try await Self.script("stop-primary", directory) }

    /// Promotes the standby; returns once it accepts writes.
    public func promote() async throws { try await Self.script("promote", directory) }

    /// Stops both servers and deletes the folder.
    public func destroy() async {
        try? await Self.script("destroy", directory)
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `deploy/local/postgres.sh COMMAND DIR [ARG…]`; its output is in the error when it fails.
    private static func script(_ command: String, _ directory: URL, _ arguments: String...) async throws {
        let script = LocalServer.packageRoot.appendingPathComponent(LocalServer.postgres.script).path
        try await Subprocess.run("/bin/bash", [script, command, directory.path] + arguments)
    }
}
