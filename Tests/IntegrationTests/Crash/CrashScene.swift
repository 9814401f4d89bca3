import Foundation
import SitrepTestSupport
import Testing

/// One `sitrep run` process as an operator runs it on one machine (SQLite, the local InspIRCd over TLS, the
/// default pacing and reconnect settings), started again after it dies at a crash point; and carol and bob,
/// responders, logged in with their accounts.
///
/// The escalation is short so a crash test stays short: a SEV1 pages bob 4 s after its declaration (tier 1)
/// and carol 6 s after that (tier 2).
struct CrashScene {
    let folder: URL
    let config: URL
    let botNick: String
    let prefix: String
    let announce: String
    let webPort: Int
    let token = "crash-test-token-0123456789abcdef"
    let carol: ScriptedIRCUser
    let bob: ScriptedIRCUser
    let started = StartedProcesses()

    /// - Parameters:
    ///   - extraYAML: more top-level config sections (e.g. `emailYAML`).
    ///   - files: more files in the scene's folder, by name (secrets the extra sections read).
    static func enter(servers: IRCTestServers, extraYAML: String = "", files: [String: String] = [:]) async throws
        -> CrashScene
    {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let botNick = BotConfiguration.unique("sitrep")
        let prefix = BotConfiguration.unique("#cr") + "-"
        let announce = BotConfiguration.unique("#crash")
        let webPort = try FreePort.pick()
        try servers.botPassword.write(to: folder.appendingPathComponent("bot-password"), atomically: true, encoding: .utf8)
        try "crash-test-token-0123456789abcdef".write(
            to: folder.appendingPathComponent("web-token"), atomically: true, encoding: .utf8)
        let scene = CrashScene(
            folder: folder, config: folder.appendingPathComponent("sitrep.yaml"), botNick: botNick, prefix: prefix,
            announce: announce, webPort: webPort,
            carol: try await ScriptedIRCUser.loggedIn("carol", servers: servers),
            bob: try await ScriptedIRCUser.loggedIn("bob", servers: servers))
        for (name, text) in files {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try (scene.yaml(servers) + extraYAML).write(to: scene.config, atomically: true, encoding: .utf8)
        try await scene.carol.join(announce)
        return scene
    }

    private func yaml(_ servers: IRCTestServers) -> String {
        """
        irc:
          host: \(servers.host)
          port: \(servers.inspircdTLSPort)
          tls: { enabled: true, ca_file: "\(servers.caFile)" }
          nick: \(botNick)
          sasl: { mechanism: plain, account: \(servers.botAccount), password_file: bot-password, required: true }
        logging: { level: info }
        store:
          sqlite: { path: sitrep.sqlite }
        incidents:
          channel_prefix: "\(prefix)"
          announce_channel: "\(announce)"
        people: { commanders: [alice], responders: [bob, carol], allow_nick_identities: false }
        \(FailoverPair.twoTiers)
        web:
          listen: 127.0.0.1:\(webPort)
          internal_token_file: web-token
          publish: immediately
        alerts:
          token_file: web-token
          rules:
            - match: { severity: [critical] }
              action: declare
              severity: sev1

        """
    }

    /// Mail through the local sink (password in the scene's file `mail-password`); bob is mailed at once beside his
    /// chat page.
    static func emailYAML(sink: LocalMailSink, bob: String) -> String {
        """
        smtp:
          host: localhost
          port: \(sink.startTLSPort)
          from: sitrep@sitrep.test
          username: \(sink.user)
          password_file: mail-password
          ca_file: "\(sink.caFile)"
        paging:
          rules: [{ method: chat }, { method: email }]
          contacts:
            bob: { email: "\(bob)" }

        """
    }

    /// Starts the bot, dying at `crashAt` (`name` or `name:N`) when given.
    func start(crashAt: String? = nil) throws -> SitrepProcess {
        let process = try SitrepProcess(
            name: "sitrep-\(started.all.count + 1)", config: config, folder: folder,
            environment: crashAt.map { ["SITREP_CRASH_AT": $0] } ?? [:])
        started.add(process)
        return process
    }

    /// Whether `line` comes from the bot (whatever nick it got).
    func fromBot(_ line: IRCLine) -> Bool {
        line.sourceNick?.lowercased().hasPrefix(botNick.lowercased().prefix(8)) == true
    }

    /// Waits until the bot has joined the announce channel (it is registered and started).
    func waitUntilJoined(_ process: SitrepProcess) async throws {
        do {
            _ = try await carol.waitForLine(timeout: .seconds(40), "the bot joins the announce channel") {
                $0.command == "JOIN" && fromBot($0) && $0.params.first?.lowercased() == announce.lowercased()
            }
        } catch {
            Issue.record("\(process.logTail())")
            throw error
        }
    }

    /// The bot's direct messages to `user` not claimed by an earlier wait, in order (each is claimed now).
    func pages(to user: ScriptedIRCUser) async -> [String] {
        var pages: [String] = []
        while let page = try? await user.waitForLine(timeout: .milliseconds(300), "a page", { line in
            line.command == "PRIVMSG" && fromBot(line) && line.params.first?.lowercased() == user.nick.lowercased()
        }) {
            pages.append(page.params.last ?? "")
        }
        return pages
    }

    /// The internal JSON timeline of an incident.
    func timeline(_ incident: Int) async -> [[String: Any]] {
        let url = "http://127.0.0.1:\(webPort)/api/incidents/\(incident)/timeline"
        guard let answer = await HTTP.get(url, token: token), answer.status == 200,
            let json = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))
        else { return [] }
        if let entries = json as? [[String: Any]] { return entries }
        return (json as? [String: Any])?["entries"] as? [[String: Any]] ?? []
    }

    /// `sitrep verify` on the store: every chain intact.
    func verify() async throws -> String {
        try await Subprocess.run(try SitrepProcess.binary().path, ["verify", "--config", config.path])
    }

    func leave() async {
        for process in started.all where process.isRunning { process.kill9() }
        for user in [carol, bob] { await user.quit() }
        try? FileManager.default.removeItem(at: folder)
    }
}
