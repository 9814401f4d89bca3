import Foundation
import SitrepApp
import SitrepCore
import SitrepTestSupport
import Testing

/// A whole incident over a real IRC server and real TLS, with scripted people logged in to real accounts:
/// a stakeholder declares, a responder acknowledges and works, the commander escalates, resolves and closes.
@Suite(.ircServersAvailable, .ircServers(.shared))
struct IncidentEndToEndTests {
    @Test func peopleRunAnIncidentFromDeclarationToClosureAndTheTimelineHasEveryLine() async throws {
        let servers = try IRCTestServers.require()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = BotConfiguration.unique("#inc") + "-"
        let announce = BotConfiguration.unique("#announce")
        let config = RunningApp.config(servers: servers, folder: folder, prefix: prefix, announce: announce)
        let carol = try await ScriptedIRCUser.loggedIn("carol", servers: servers)
        let bob = try await ScriptedIRCUser.loggedIn("bob", servers: servers)
        let alice = try await ScriptedIRCUser.loggedIn("alice", servers: servers)
        try await carol.join(announce)
        let botNick = try #require(config.irc?.nick)
        try await RunningApp.with(config) { app in
            _ = try await carol.waitForLine(timeout: .seconds(20), "bot joins the announce channel") {
                $0.command == "JOIN" && $0.sourceNick == botNick
            }
            try await carol.say(announce, "!declare sev2 Checkout returns 500s")
            let channel = prefix + "1"
            let reply = try await carol.waitForLine(timeout: .seconds(30), "declaration reply") {
                $0.command == "NOTICE" && $0.params.last?.contains(channel) == true
            }
            #expect(reply.params.last?.contains("incident 1 declared") == true)
            _ = try await carol.waitForLine(timeout: .seconds(30), "invitation") {
                $0.command == "INVITE" && $0.params.last?.lowercased() == channel.lowercased()
            }
            for user in [carol, bob, alice] { try await user.join(channel) }
            let topic = try await bob.waitForLine(timeout: .seconds(30), "topic") {
                $0.command == "332" || $0.command == "TOPIC"
            }
            #expect(topic.params.last == "[SEV2 · investigating · lead: none] Checkout returns 500s")

            let script: [(ScriptedIRCUser, String, String)] = [
                (bob, "!ack", "acknowledged"),
                (bob, "error rate is 40% on checkout-api", ""),
                (carol, "customers report failed payments", ""),
                (alice, "!lead", "lead"),
                (bob, "!identified bad deploy 512 of checkout-api", "identified"),
                (carol, "!resolve I think it is fine", "commander"),
                (alice, "!escalate dave need the payments DBA", "escalated"),
                (bob, "!mitigated rolled back to 511", "mitigated"),
                (alice, "!resolve rollback to 511, error rate back to 0.1%", "resolved"),
                (alice, "!close", "missing"),
                (bob, "!cause migration in 512 locked the orders table", "cause"),
                (alice, "!close", "closed"),
            ]
            for (user, text, expected) in script {
                try await user.say(channel, text)
                guard !expected.isEmpty else { continue }
                _ = try await user.waitForLine(timeout: .seconds(30), "reply to \(text)") {
                    $0.command == "NOTICE" && $0.sourceNick == botNick
                        && $0.params.first?.lowercased() == channel.lowercased()
                        && $0.params.last?.lowercased().contains(expected) == true
                }
            }
            try await app.parts.writer.drain()
            let incident = try #require(try await app.parts.store.incident(id: 1))
            #expect(incident.state == .closed)
            #expect(incident.declaredBy.identity == .account("carol"))
            #expect(incident.acknowledgedBy?.identity == .account("bob"))
            #expect(incident.lead?.identity == .account("alice"))
            let timeline = try await app.parts.store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
            let said = timeline.filter { $0.kind == .message }.map { "\($0.account ?? "-"): \($0.text)" }
            let expected = script.map { user, text, _ in
                "\(user === carol ? "carol" : user === bob ? "bob" : "alice"): \(text)"
            }
            #expect(said == expected, "every line the users sent, in order, with the right accounts")
            #expect(timeline.contains { $0.kind == .refusal && $0.account == "carol" })
            #expect(timeline.contains { $0.kind == .bot && $0.text.contains("closed") })
            #expect(timeline.contains { $0.kind == .join })
        }
        for user in [carol, bob, alice] { await user.quit() }
    }
}
