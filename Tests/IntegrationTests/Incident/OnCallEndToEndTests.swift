import Foundation
import OnCall
import SitrepApp
import SitrepCore
import SitrepTestSupport
import Testing

/// On-call schedules over a real IRC server (InspIRCd + Atheme accounts): `!oncall` answers who is on call, an
/// `!override` by a responder is stored, and a tier that pages `schedule:ops` reaches the override's person.
@Suite(.ircServersAvailable, .ircServers(.shared))
struct OnCallEndToEndTests {
    static func config(servers: IRCTestServers, folder: URL, prefix: String, announce: String) -> SitrepConfig {
        var config = RunningApp.config(servers: servers, folder: folder, prefix: prefix, announce: announce)
        let layer = OnCallLayer(
            name: "daily", people: [.account("dave")], interval: HandoffInterval("1d")!,
            start: WallClock(date: LocalDate("2026-01-01")!))
        config.schedules = SitrepConfig.Schedules(
            byName: ["ops": OnCallSchedule(name: "ops", zone: TimeZone(identifier: "UTC")!, layers: [layer])])
        config.escalation = SitrepConfig.Escalation(
            policies: [
                "critical": EscalationPolicy(name: "critical", tiers: [.init(notify: [.schedule("ops")], after: .seconds(2))])
            ],
            policyNameBySeverity: [.sev1: "critical"])
        config.timers = SitrepConfig.Timers(bySeverity: [.sev1: SeverityTimers(acknowledgeDeadline: .seconds(2))])
        return config
    }

    @Test func anOverrideGivenInChatIsWhoTheScheduleTierPages() async throws {
        let servers = try IRCTestServers.require()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-oncall-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = BotConfiguration.unique("#oc") + "-"
        let announce = BotConfiguration.unique("#announce")
        let config = Self.config(servers: servers, folder: folder, prefix: prefix, announce: announce)
        let botNick = try #require(config.irc?.nick)
        let carol = try await ScriptedIRCUser.loggedIn("carol", servers: servers)
        let bob = try await ScriptedIRCUser.loggedIn("bob", servers: servers)
        let dave = try await ScriptedIRCUser.loggedIn("dave", servers: servers)
        for user in [carol, bob, dave] { try await user.join(announce) }
        try await RunningApp.with(config) { app in
            _ = try await carol.waitForLine(timeout: .seconds(20), "bot in the announce channel") {
                $0.command == "JOIN" && $0.sourceNick == botNick
            }
            try await carol.say(announce, "!oncall")
            _ = try await carol.waitForLine(timeout: .seconds(10), "who is on call") {
                $0.sourceNick == botNick && $0.params.last?.hasPrefix("ops: dave (layer daily)") == true
            }
            // dave is neither listed under people: nor a channel operator (carol, who opened the channel, is).
            try await dave.say(announce, "!override ops \(dave.nick) 1h")
            _ = try await dave.waitForLine(timeout: .seconds(10), "override refused to a stakeholder") {
                $0.sourceNick == botNick && $0.params.last?.contains("needs responder rights") == true
            }
            try await bob.say(announce, "!override ops \(bob.nick) 1h")
            _ = try await bob.waitForLine(timeout: .seconds(10), "override confirmed") {
                $0.sourceNick == botNick && $0.params.last?.contains("is on call for ops") == true
            }
            let stored = try await app.parts.store.onCallOverrides(schedule: "ops", endingAfter: Timestamp(milliseconds: 0))
            #expect(stored.map(\.person) == [.account("bob")], "the nick resolved to bob's services account")

            try await carol.say(announce, "!declare sev1 Orders database down")
            let page = try await bob.waitForLine(timeout: .seconds(15), "the schedule tier pages bob") {
                $0.command == "PRIVMSG" && $0.sourceNick == botNick && $0.params.first == bob.nick
            }
            #expect(page.params.last?.contains("INC-1") == true)
            try await app.parts.writer.drain()
            let timeline = try await app.parts.store.timeline(incidentID: 1, limit: nil, keyEventsOnly: false)
            let paged = try #require(timeline.first { $0.detail?.encoded.contains("escalate=tier1") == true })
            #expect(paged.text.contains("bob") && !paged.text.contains("dave"), "\(paged.text)")
        }
        for user in [carol, bob, dave] { await user.quit() }
    }
}
