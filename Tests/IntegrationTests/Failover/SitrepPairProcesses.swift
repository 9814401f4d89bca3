import Foundation
import SitrepTestSupport

/// What the two-instance failover tests share, whatever the chat network: one config file per instance in
/// `folder`, the processes started from them, and each instance's web server (health, timeline).
protocol SitrepPairProcesses {
    var folder: URL { get }
    var token: String { get }
    var webPorts: [String: Int] { get }
    /// The PostgreSQL database both instances share.
    var database: String { get }
    /// Every process started, for `killAll` when the test ends.
    var started: StartedProcesses { get }
}

extension SitrepPairProcesses {
    func config(_ instance: String) -> URL {
        folder.appendingPathComponent("sitrep-\(instance).yaml")
    }

    /// Starts `instance`; `environment` is added to the test's (`SITREP_CRASH_AT` to make it die at a crash point).
    func start(_ instance: String, environment: [String: String] = [:]) throws -> SitrepProcess {
        let process = try SitrepProcess(
            name: "\(instance)-\(started.all.count + 1)", config: config(instance), folder: folder,
            environment: environment)
        started.add(process)
        return process
    }

    /// Runs `body` with the pair's database created on `postgres`; afterwards (whatever happened) kills what still
    /// runs, drops the database and removes the folder.
    func withDatabase(on postgres: LocalPostgres, _ body: () async throws -> Void) async throws {
        try await postgres.createDatabase(database)
        defer {
            killAll()
            Task { [database] in await postgres.dropDatabase(database) }
            try? FileManager.default.removeItem(at: folder)
        }
        try await body()
    }

    /// SIGKILL to whatever still runs.
    func killAll() {
        for process in started.all where process.isRunning { process.kill9() }
    }

    func url(_ instance: String, _ path: String) -> String {
        "http://127.0.0.1:\(webPorts[instance]!)\(path)"
    }

    /// `/healthz` of an instance, or "" when it does not answer.
    func health(_ instance: String) async -> String {
        await HTTP.get(url(instance, "/healthz"))?.body ?? ""
    }

    /// Waits until `instance` says it is active (or standby) on `/healthz`.
    func waitUntil(_ instance: String, is role: String, upTo limit: Duration = .seconds(40)) async -> Bool {
        await poll(upTo: limit) { await health(instance).contains("instance: \(instance) (\(role))") } != nil
    }

    /// The internal JSON timeline of an incident, as served by `instance`.
    func timeline(_ instance: String, incident: Int) async -> [[String: Any]] {
        guard let answer = await HTTP.get(url(instance, "/api/incidents/\(incident)/timeline"), token: token),
            answer.status == 200, let json = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))
        else { return [] }
        if let entries = json as? [[String: Any]] { return entries }
        return (json as? [String: Any])?["entries"] as? [[String: Any]] ?? []
    }
}

/// The processes a test started (a lock, because `defer` blocks and tasks both reach it).
final class StartedProcesses: @unchecked Sendable {
    private let lock = NSLock()
    private var processes: [SitrepProcess] = []

    func add(_ process: SitrepProcess) { lock.withLock { processes.append(process) } }
    var all: [SitrepProcess] { lock.withLock { processes } }
}
