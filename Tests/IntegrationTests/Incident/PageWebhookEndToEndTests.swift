import Foundation
import HTTPTypes
import Notify
import Paging
import SitrepApp
import SitrepCore
import SitrepTestSupport
import Synchronization
import Testing

/// A page reaches a person by webhook, configured the way the README's ntfy recipe says: tier 1 names someone not
/// on IRC, InspIRCd answers the chat page with 401, and their webhook (due a minute later by their rules) is called
/// at once. The receiver (a local HTTP server standing in for ntfy) answers the first call 503, so sitrep tries
/// again; both calls carry the ntfy-shaped body, the `Authorization` header from the environment, a valid
/// `X-Sitrep-Signature` and the attempt id as `Idempotency-Key`, and the attempt ends `sent` after two tries.
@Suite(.ircServersAvailable, .ircServers(.shared))
struct PageWebhookEndToEndTests {
    static let hookSecret = "webhook secret of the end-to-end test"

    @Test func someoneNotInChatGetsTheirNtfyWebhookSignedAndRetriedOnce() async throws {
        try await Self.ghostPaged(answers: [.serviceUnavailable]) { scene in
            let (receiver, app) = (scene.receiver, scene.app)
            let calls = try await receiver.requests(count: 2, timeout: .seconds(20))
            #expect(calls.count == 2, "a 503 is tried again")
            try await app.parts.writer.drain()
            let attempts = try await app.parts.store.pageAttempts(incidentID: 1)
            #expect(attempts.map(\.method) == ["chat", "webhook"])
            let hook = try #require(attempts.last)
            #expect(hook.address == "http://127.0.0.1:\(receiver.port)/…")
            for call in calls {
                #expect(call.signatureValid)
                #expect(call.header("Idempotency-Key") == hook.id)
                #expect(call.header("Authorization") == "Bearer tk_from_env")
                let body = try #require(try JSONSerialization.jsonObject(with: Data(call.body)) as? [String: Any])
                #expect(body["topic"] as? String == "sitrep-ops")
                #expect(body["title"] as? String == "SEV1 #1 Orders database down")
                #expect((body["message"] as? String)?.contains("Orders database down") == true)
                #expect(body["priority"] as? Int == 5)
                let click = try #require(body["click"] as? String)
                #expect(click.hasPrefix("http://127.0.0.1:\(scene.webPort)/ack/"))
                let actions = body["actions"] as? [[String: String]]
                #expect(actions?.first?["url"] == click && actions?.first?["label"] == "Acknowledge")
            }
            let sent = try await Self.attempt(hook.id, of: app, becomes: .sent)
            #expect(sent?.status == .sent && sent?.reason == nil)
            #expect(attempts.first?.status == .failed)
        }
    }

    /// A webhook that keeps failing: a 401 fails at once (one call), 503s are tried until the tries run out
    /// (two calls with one retry delay); `!pages` says how many tries were made.
    @Test(arguments: [
        (401, 1, "(1 try, not retried)"),
        (503, 2, "(2 tries over "),
    ])
    func aFailingWebhookFailsAfterItsTriesAndPagesSaysHowMany(status: Int, calls: Int, says: String) async throws {
        let answers = Array(repeating: HTTPResponse.Status(code: status), count: 5)
        try await Self.ghostPaged(answers: answers) { scene in
            let (receiver, app, carol, channel) = (scene.receiver, scene.app, scene.carol, scene.channel)
            let hookID = PageAttempt.key(
                incidentID: 1, step: "tier-1", person: .account(scene.ghost), method: "webhook", round: 1)
            let failed = try await Self.attempt(hookID, of: app, becomes: .failed)
            #expect(failed?.status == .failed)
            #expect(failed?.reason?.contains("HTTP \(status)") == true, "\(failed?.reason ?? "")")
            #expect(failed?.reason?.contains(says) == true, "\(failed?.reason ?? "")")
            #expect(receiver.log.all.count == calls)
            try await carol.say(channel, "!pages")
            _ = try await carol.waitForLine(timeout: .seconds(10), "!pages gives the webhook's reason") {
                $0.params.first?.lowercased() == channel.lowercased()
                    && $0.params.last?.contains("HTTP \(status)") == true && $0.params.last?.contains(says) == true
            }
        }
    }

    /// A retry still waiting when the incident is acknowledged is dropped: no second call, the attempt failed
    /// saying why and how the last try went.
    @Test func aRetryWaitingWhenTheIncidentIsAcknowledgedIsDropped() async throws {
        let answers = Array(repeating: HTTPResponse.Status.serviceUnavailable, count: 5)
        try await Self.ghostPaged(answers: answers, retryDelays: [.seconds(4)]) { scene in
            let hookID = PageAttempt.key(
                incidentID: 1, step: "tier-1", person: .account(scene.ghost), method: "webhook", round: 1)
            #expect(try await scene.receiver.requests(count: 1, timeout: .seconds(20)).count == 1)
            try await scene.carol.say(scene.channel, "!ack")
            _ = try await scene.carol.waitForLine(timeout: .seconds(10), "the acknowledgement said in the channel") {
                $0.params.first?.lowercased() == scene.channel.lowercased()
                    && $0.params.last?.lowercased().contains("acknowledged") == true
            }
            let failed = try await Self.attempt(hookID, of: scene.app, becomes: .failed)
            #expect(failed?.status == .failed)
            #expect(
                failed?.reason?.hasPrefix("not tried again: the incident no longer pages; last try: the webhook answered HTTP 503")
                    == true, "\(failed?.reason ?? "")")
            #expect(scene.receiver.log.all.count == 1, "no call after the acknowledgement")
        }
    }

    /// A restart while a retry waits: the new process waits for the stored retry time rather than sending at
    /// once, and counts the tries on, so the attempt still gets three tries in all (3 calls), not three more.
    @Test func aRetryWaitingAcrossARestartKeepsItsTimeAndItsCount() async throws {
        let servers = try IRCTestServers.require()
        let (folder, prefix, announce, ghost) = try Self.freshNames()
        defer { try? FileManager.default.removeItem(at: folder) }
        let answers = Array(repeating: HTTPResponse.Status.serviceUnavailable, count: 5)
        try await WebhookReceiver.run(secret: Array(Self.hookSecret.utf8), statuses: answers) { receiver in
            var config = EscalationEndToEndTests.config(servers: servers, folder: folder, prefix: prefix, announce: announce)
            config.escalation.policies["critical"] = EscalationPolicy(
                name: "critical", tiers: [.init(notify: [.person(.account(ghost))], after: .seconds(2))])
            config.paging = try Self.paging(for: ghost, port: receiver.port, folder: folder)
            config.paging.retryDelays = [.seconds(4), .seconds(4)]
            let botNick = try #require(config.irc?.nick)
            let carol = try await ScriptedIRCUser.loggedIn("carol", servers: servers)
            try await carol.join(announce)
            let hookID = PageAttempt.key(incidentID: 1, step: "tier-1", person: .account(ghost), method: "webhook", round: 1)
            let retryAt = Mutex<Timestamp?>(nil)
            try await RunningApp.with(config) { app in
                _ = try await carol.waitForLine(timeout: .seconds(20), "bot in the announce channel") {
                    $0.command == "JOIN" && $0.sourceNick == botNick
                }
                try await carol.say(announce, "!declare sev1 Orders database down")
                #expect(try await receiver.requests(count: 1, timeout: .seconds(20)).count == 1)
                let deadline = ContinuousClock.now + .seconds(10)
                while retryAt.withLock({ $0 }) == nil, ContinuousClock.now < deadline {
                    let stored = try await app.parts.store.pageAttempts(incidentID: 1).first { $0.id == hookID }
                    if stored?.failedTries == 1 {
                        retryAt.withLock { $0 = stored?.retryAt }
                    } else {
                        try await Task.sleep(for: .milliseconds(50))
                    }
                }
            }
            let due = try #require(retryAt.withLock { $0 }, "the waiting retry is stored")
            try await RunningApp.with(config) { app in
                let calls = try await receiver.requests(count: 2, timeout: .seconds(20))
                let secondCallSeen = IRCIncidentBridge.now()
                #expect(calls.count == 2)
                #expect(secondCallSeen >= due.adding(.milliseconds(-200)), "the restart kept to the stored retry time")
                let failed = try await Self.attempt(hookID, of: app, becomes: .failed)
                #expect(failed?.reason?.contains("(3 tries over ") == true, "\(failed?.reason ?? "")")
                try await Task.sleep(for: .seconds(1))
                #expect(receiver.log.all.count == 3, "three tries in all, across the restart")
            }
            await carol.quit()
        }
    }

    /// What a test of `ghostPaged` works with.
    struct Scene: Sendable {
        var receiver: WebhookReceiver
        var app: RunningApp
        var carol: ScriptedIRCUser
        var channel: String
        var ghost: String
        var webPort: Int
    }

    /// Tier 1 of a SEV1 pages someone not on IRC whose rules are chat, then their webhook (a local receiver that
    /// answers `answers`, then 200); runs `body` once the failed chat page is said in the incident channel.
    static func ghostPaged(
        answers: [HTTPResponse.Status], retryDelays: [Duration] = [.seconds(1)],
        _ body: @Sendable (Scene) async throws -> Void
    ) async throws {
        let servers = try IRCTestServers.require()
        let (folder, prefix, announce, ghost) = try Self.freshNames()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await WebhookReceiver.run(secret: Array(Self.hookSecret.utf8), statuses: answers) { receiver in
            var config = EscalationEndToEndTests.config(
                servers: servers, folder: folder, prefix: prefix, announce: announce)
            config.escalation.policies["critical"] = EscalationPolicy(
                name: "critical",
                tiers: [
                    .init(notify: [.person(.account(ghost))], after: .seconds(2)),
                    .init(notify: [.team("dba")], after: .seconds(120)),
                ])
            config.paging = try Self.paging(for: ghost, port: receiver.port, folder: folder)
            config.paging.retryDelays = retryDelays
            let port = try FreePort.pick()
            config.web = SitrepConfig.Web(
                host: "127.0.0.1", port: port, publicURL: "http://127.0.0.1:\(port)",
                ackSecret: Secret(UUID().uuidString + UUID().uuidString))
            let botNick = try #require(config.irc?.nick)
            let carol = try await ScriptedIRCUser.loggedIn("carol", servers: servers)
            try await carol.join(announce)
            let channel = prefix + "1"
            try await RunningApp.with(config) { app in
                _ = try await carol.waitForLine(timeout: .seconds(20), "bot in the announce channel") {
                    $0.command == "JOIN" && $0.sourceNick == botNick
                }
                try await carol.say(announce, "!declare sev1 Orders database down")
                try await carol.join(channel)
                _ = try await carol.waitForLine(timeout: .seconds(15), "the failed chat page said in the channel") {
                    $0.command == "NOTICE" && $0.params.first?.lowercased() == channel.lowercased()
                        && $0.params.last?.contains("is not on IRC") == true
                }
                try await body(
                    Scene(receiver: receiver, app: app, carol: carol, channel: channel, ghost: ghost, webPort: port))
            }
            await carol.quit()
        }
    }

    /// A new store folder (created), incident channel prefix, announce channel and not-on-IRC person for one test.
    static func freshNames() throws -> (folder: URL, prefix: String, announce: String, ghost: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-hook-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (
            folder, BotConfiguration.unique("#hook") + "-", BotConfiguration.unique("#announce"),
            BotConfiguration.unique("ghost")
        )
    }

    /// `paging:` loaded from YAML as a user writes it (the ntfy recipe), with the token in the environment.
    static func paging(for person: String, port: Int, folder: URL) throws -> SitrepConfig.Paging {
        let yaml = """
            irc: { host: irc.example.org, nick: sitrep }
            paging:
              webhook_secret_env: HOOK_SECRET
              rules: [{ method: chat }, { method: webhook, after: 1m }]
              contacts:
                \(person):
                  webhook:
                    url: http://127.0.0.1:\(port)/
                    template: '{"topic": "sitrep-ops", "title": "{{severity}} #{{incident}} {{title}}", "message": "{{text}}", "priority": 5, "click": "{{ack_url}}", "actions": [{"action": "view", "label": "Acknowledge", "url": "{{ack_url}}"}]}'
                    headers_env: { Authorization: NTFY_AUTH }

            """
        let path = folder.appendingPathComponent("paging.yaml").path
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
        let environment = ["HOOK_SECRET": hookSecret, "NTFY_AUTH": "Bearer tk_from_env"]
        return try SitrepConfig.load(path: path, environment: environment).paging
    }

    /// The stored attempt `id` once its status is `status` (the dispatcher records it after the answer).
    static func attempt(_ id: String, of app: RunningApp, becomes status: PageAttempt.Status) async throws -> PageAttempt? {
        let deadline = ContinuousClock.now.advanced(by: .seconds(10))
        while true {
            let attempt = try await app.parts.store.pageAttempts(incidentID: 1).first { $0.id == id }
            if attempt?.status == status || ContinuousClock.now >= deadline { return attempt }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
