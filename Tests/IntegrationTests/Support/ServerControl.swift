import Foundation

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
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [servers.controlScript, subcommand, servers.directory]
        // A file, not a pipe: reading a pipe to EOF would hang if a started daemon kept it open.
        let logURL = FileManager.default.temporaryDirectory
            .appendingPathComponent("irc-servers-\(subcommand)-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: logURL) }
        let output = try FileHandle(forWritingTo: logURL)
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = output
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let text = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
        guard status == 0 else {
            throw Failure(command: "irc-servers.sh \(subcommand)", status: status, output: text)
        }
        return clock.now - start
    }
}
