import Foundation
import Notify
import Paging
import SitrepApp
import SitrepCore
import SitrepTestSupport
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A page reaches a person who is not in chat: tier 1 names someone not on IRC, InspIRCd answers the chat page
/// with 401, and their email (due a minute later by their rules) goes at once through the real SMTP sink over
/// STARTTLS. The acknowledge link in the stored email, opened and pressed over real HTTP, acknowledges the
/// incident as that person: said in the channel, stored, paging stopped, the link used up.
@Suite(.ircServersAvailable, .ircServers(.shared))
struct PageEmailEndToEndTests {
    @Test func someoneNotInChatGetsAnEmailAtOnceAndItsLinkAcknowledgesOnce() async throws {
        let servers = try IRCTestServers.require()
        let sink = try LocalMailSink.require()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-mail-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = BotConfiguration.unique("#mail") + "-"
        let announce = BotConfiguration.unique("#announce")
        let ghost = BotConfiguration.unique("ghost")
        let address = "\(ghost)@sitrep.test"
        var config = EscalationEndToEndTests.config(servers: servers, folder: folder, prefix: prefix, announce: announce)
        config.escalation.policies["critical"] = EscalationPolicy(
            name: "critical",
            tiers: [
                .init(notify: [.person(.account(ghost))], after: .seconds(2)),
                .init(notify: [.team("dba")], after: .seconds(120)),
            ])
        // The rules a team would write: chat at once, email a minute later.
        config.paging = SitrepConfig.Paging(
            defaultRules: NotificationRules(steps: [NotificationStep(.chat), NotificationStep(.email, after: .seconds(60))]),
            people: [.init(identity: .account(ghost), email: address)])
        config.smtp = SitrepConfig.SMTP(
            host: "localhost", port: sink.startTLSPort, from: try EmailAddress("sitrep@sitrep.test"),
            username: sink.user, password: Secret(sink.password), caFile: sink.caFile)
        let port = try FreePort.pick()
        config.web = SitrepConfig.Web(
            host: "127.0.0.1", port: port, publicURL: "http://127.0.0.1:\(port)",
            ackSecret: Secret(UUID().uuidString + UUID().uuidString))
        let botNick = try #require(config.irc?.nick)
        let carol = try await ScriptedIRCUser.loggedIn("carol", servers: servers)
        try await carol.join(announce)
        let channel = prefix + "1"
        let clock = ContinuousClock()
        try await RunningApp.with(config) { app in
            _ = try await carol.waitForLine(timeout: .seconds(20), "bot in the announce channel") {
                $0.command == "JOIN" && $0.sourceNick == botNick
            }
            try await carol.say(announce, "!declare sev1 Orders database down")
            try await carol.join(channel)
            let declared = clock.now
            let failed = try await carol.waitForLine(timeout: .seconds(15), "the failed chat page said in the channel") {
                $0.command == "NOTICE" && $0.params.first?.lowercased() == channel.lowercased()
                    && $0.params.last?.contains("is not on IRC") == true
            }
            #expect(failed.params.last?.hasSuffix("paging \(ghost) by email instead") == true, "\(failed)")

            let emails = try await sink.messages(to: address, timeout: .seconds(20))
            let emailAfter = declared.duration(to: clock.now)
            print("paging: email to someone not on IRC stored \(emailAfter) after the declaration (rule: 60 s)")
            #expect(emails.count == 1)
            let email = try #require(emails.first)
            #expect(email.contains("Subject: [sitrep] SEV1 INC-1 needs you: Orders database down"))
            #expect(emailAfter < .seconds(30), "the failed chat page brought the email forward")
            let body = QuotedPrintable.decode(email.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n"))
            #expect(body.contains("Or join \(channel) and type !ack."))
            let link = try #require(
                body.split(whereSeparator: \.isWhitespace).first { $0.hasPrefix("http://127.0.0.1:\(port)/ack/") })

            let page = try await Self.call(String(link), method: "GET")
            #expect(page.status == 200)
            #expect(page.body.contains("Acknowledge as \(ghost)"))
            #expect(try await app.parts.store.incident(id: 1)?.acknowledgedAt == nil, "a GET changes nothing")

            let pressed = try await Self.call(String(link), method: "POST")
            #expect(pressed.status == 200, "\(pressed.body)")
            #expect(pressed.body.contains("You acknowledged incident #1"))
            _ = try await carol.waitForLine(timeout: .seconds(10), "the acknowledgement said in the channel") {
                $0.params.first?.lowercased() == channel.lowercased()
                    && $0.params.last?.lowercased().contains("acknowledged") == true
                    && $0.params.last?.contains(ghost) == true
            }
            try await app.parts.writer.drain()
            let incident = try #require(try await app.parts.store.incident(id: 1))
            #expect(incident.acknowledgedBy?.identity == .account(ghost))
            #expect(!app.parts.timers.timers(of: 1).contains { $0.id.kind == .escalation }, "paging stopped")
            let attempts = try await app.parts.store.pageAttempts(incidentID: 1)
            #expect(attempts.map(\.method) == ["chat", "email"])
            #expect(attempts.map(\.status) == [.failed, .acknowledged])
            #expect(attempts.first?.reason == "not on the chat network")

            let again = try await Self.call(String(link), method: "POST")
            #expect(again.status == 409)
            #expect(again.body.contains("already used"))
        }
        await carol.quit()
    }

    static func call(_ url: String, method: String) async throws -> (status: Int, body: String) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}
