import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A `sitrep run` process started from the binary this build made, as an operator's supervisor would start it:
/// its log goes to a file the test can show when something fails, and it can be killed with SIGKILL (a machine
/// dying) or stopped with SIGTERM.
final class SitrepProcess: @unchecked Sendable {
    let name: String
    let process: Process
    let log: URL

    /// The `sitrep` executable next to the test bundle (`swift build` puts both in one folder), or `SITREP_BINARY`.
    static func binary() throws -> URL {
        if let path = ProcessInfo.processInfo.environment["SITREP_BINARY"] { return URL(fileURLWithPath: path) }
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("sitrep") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            let reason = "the sitrep binary is not built (looked in \(candidates.map(\.path))); run `swift build` first"
            Issue.record("\(reason)")
            throw POSIXError(.ENOENT)
        }
        return found
    }

    /// `environment` is added to the test's own (e.g. `SITREP_CRASH_AT` to make it die at a crash point).
    init(name: String, config: URL, folder: URL, environment: [String: String] = [:]) throws {
        self.name = name
        log = folder.appendingPathComponent("\(name).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process = Process()
        process.executableURL = try Self.binary()
        process.arguments = ["run", "--config", config.path]
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        }
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    var isRunning: Bool { process.isRunning }

    /// Whether it ended by SIGKILL (a crash point, or `kill9`).
    var wasKilled: Bool {
        !process.isRunning && process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
    }

    /// SIGKILL: no QUIT, no lease release, nothing flushed; the kernel closes its sockets. Does not wait (see
    /// `exited`): `waitUntilExit` would spin a run loop on one of Swift concurrency's few threads.
    func kill9() {
        kill(process.processIdentifier, SIGKILL)
    }

    /// Waits up to `limit` until the process has exited; whether it did.
    @discardableResult
    func exited(within limit: Duration = .seconds(10)) async -> Bool {
        await poll(upTo: limit) { !process.isRunning } != nil
    }

    /// SIGTERM, then waits up to `limit` for a graceful exit (SIGKILL after that).
    func stop(within limit: Duration = .seconds(15)) async {
        guard process.isRunning else { return }
        process.terminate()
        if !(await exited(within: limit)) {
            kill9()
            await exited()
        }
    }

    /// The last lines of its log, for failure messages.
    func logTail(_ lines: Int = 40) -> String {
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return "--- \(name) log ---\n" + text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }
}

/// Plain HTTP GETs (and JSON POSTs) against a running instance's web server.
enum HTTP {
    struct Answer: Sendable {
        var status: Int
        var body: String
    }

    static func get(_ url: String, token: String? = nil, postJSON body: String? = nil) async -> Answer? {
        var request = URLRequest(url: URL(string: url)!)
        request.timeoutInterval = 5
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpMethod = "POST"
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        guard let (data, response) = try? await URLSession.shared.data(for: request),
            let http = response as? HTTPURLResponse
        else { return nil }
        return Answer(status: http.statusCode, body: String(decoding: data, as: UTF8.self))
    }
}

/// Polls `condition` every 100 ms until it holds or `limit` passes; how long it took, or nil on timeout.
func poll(upTo limit: Duration, _ condition: () async -> Bool) async -> Duration? {
    let clock = ContinuousClock()
    let start = clock.now
    while clock.now - start < limit {
        if await condition() { return clock.now - start }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return nil
}
