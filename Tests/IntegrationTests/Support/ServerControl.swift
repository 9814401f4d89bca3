import Foundation
import SitrepTestSupport

/// Stops, starts and restarts the local IRC servers from a test, through `deploy/local/irc-servers.sh`.
///
/// Tests that use this must carry `.ircServers(.exclusive)` so no other test is talking to the servers meanwhile.
/// Each call returns when the script does: a start/restart waits until the server accepts verified TLS clients
/// (InspIRCd: also until Atheme has relinked and NickServ is back).
struct ServerControl: Sendable {
    enum Server: String, Sendable {
        case inspircd, ngircd, atheme
    }

    struct Failure: Error, CustomStringConvertible {
        var command: String
        var status: Int32
        var output: String
        var description: String { "`\(command)` exited with \(status):\n\(output)" }
    }

    var servers: IRCTestServers

    init(_ servers: IRCTestServers) {
        self.servers = servers
    }

    /// Restarts `server` on the same ports with the same configuration; returns how long that took.
    @discardableResult
    func restart(_ server: Server) async throws -> Duration { try await run("restart-\(server.rawValue)") }

    @discardableResult
    func stop(_ server: Server) async throws -> Duration { try await run("stop-\(server.rawValue)") }

    @discardableResult
    func start(_ server: Server) async throws -> Duration { try await run("start-\(server.rawValue)") }

    /// Runs `irc-servers.sh SUBCOMMAND DIR` and returns its wall-clock duration; throws with its output on failure.
    func run(_ subcommand: String) async throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            try await Subprocess.run("/bin/bash", [servers.controlScript, subcommand, servers.directory])
        } catch let failure as Subprocess.Failure {
            throw Failure(command: "irc-servers.sh \(subcommand)", status: failure.status, output: failure.output)
        }
        return clock.now - start
    }
}
