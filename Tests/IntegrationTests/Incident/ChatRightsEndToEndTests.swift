import Foundation
import SitrepApp
import SitrepCore
import Testing

/// `incidents.grant_chat_rights` over the real InspIRCd: naming someone lead gives them channel operator in the
/// incident channel, and where the bot is not a channel operator it says so in one line instead.
@Suite(.ircServersAvailable, .ircServers(.shared))
struct ChatRightsEndToEndTests {
    /// The bot created the incident channel, so it is its channel operator: `!lead bob` makes bob one too.
    @Test func aNewLeadBecomesChannelOperatorOfTheIncidentChannel() async throws {
        let servers = try IRCTestServers.require()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = BotConfiguration.unique("#inc") + "-"
        let announce = BotConfiguration.unique("#announce")
        var config = RunningApp.config(servers: servers, folder: folder, prefix: prefix, announce: announce)
        config.incidents.grantChatRights = true
        let alice = try await ScriptedIRCUser.loggedIn("alice", servers: servers)
        let bob = try await ScriptedIRCUser.loggedIn("bob", servers: servers)
        try await alice.join(announce)
        let botNick = config.irc.nick
        let channel = prefix + "1"
        try await RunningApp.with(config) { app in
            try await Self.declare(as: alice, in: announce, channel: channel, botNick: botNick)
            try await bob.join(channel)

            try await alice.say(channel, "!lead \(bob.nick)")
            let mode = try await bob.waitForLine(timeout: .seconds(30), "MODE +o for bob") {
                $0.command == "MODE" && $0.params.first?.lowercased() == channel.lowercased()
            }
            #expect(mode.sourceNick == botNick)
            #expect(Array(mode.params.dropFirst()) == ["+o", bob.nick])
            try await app.parts.writer.drain()
            #expect(try await app.parts.store.incident(id: 1)?.lead?.identity == .account("bob"))
        }
        for user in [alice, bob] { await user.quit() }
    }

    /// Alice made the channel before the incident, so she is its operator and the bot is not: `!lead bob` is done,
    /// and the bot says in one line that it could not give bob the rights, with no MODE sent.
    @Test func withoutChannelOperatorTheBotSaysSoInOneLineAndTheLeadStillChanges() async throws {
        let servers = try IRCTestServers.require()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitrep-e2e-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let prefix = BotConfiguration.unique("#inc") + "-"
        let announce = BotConfiguration.unique("#announce")
        var config = RunningApp.config(servers: servers, folder: folder, prefix: prefix, announce: announce)
        config.incidents.grantChatRights = true
        let alice = try await ScriptedIRCUser.loggedIn("alice", servers: servers)
        let bob = try await ScriptedIRCUser.loggedIn("bob", servers: servers)
        let channel = prefix + "1"
        try await alice.join(channel)
        try await alice.join(announce)
        let botNick = config.irc.nick
        try await RunningApp.with(config) { app in
            try await Self.declare(as: alice, in: announce, channel: channel, botNick: botNick, joining: false)
            _ = try await alice.waitForLine(timeout: .seconds(30), "bot joins the incident channel") {
                $0.command == "JOIN" && $0.sourceNick == botNick && $0.params.first?.lowercased() == channel.lowercased()
            }
            try await bob.join(channel)

            try await alice.say(channel, "!lead \(bob.nick)")
            _ = try await bob.waitForLine(timeout: .seconds(30), "the lead reply") {
                $0.command == "NOTICE" && $0.sourceNick == botNick && $0.params.last?.contains("now leads") == true
            }
            let note = try await bob.waitForLine(timeout: .seconds(30), "the note that no rights were given") {
                $0.command == "NOTICE" && $0.sourceNick == botNick
                    && $0.params.first?.lowercased() == channel.lowercased()
                    && $0.params.last?.contains("could not give") == true
            }
            #expect(note.params.last?.contains(bob.nick) == true)
            #expect(note.params.last?.contains("not a channel operator") == true)
            #expect(!bob.recentLines.contains { IRCLine($0).command == "MODE" && IRCLine($0).params.last == bob.nick })
            try await app.parts.writer.drain()
            #expect(try await app.parts.store.incident(id: 1)?.lead?.identity == .account("bob"))
        }
        for user in [alice, bob] { await user.quit() }
    }

    /// Alice declares in `announce` once the bot is there, and joins the incident channel unless she is in it.
    static func declare(
        as alice: ScriptedIRCUser, in announce: String, channel: String, botNick: String, joining: Bool = true
    ) async throws {
        _ = try await alice.waitForLine(timeout: .seconds(20), "bot joins the announce channel") {
            $0.command == "JOIN" && $0.sourceNick == botNick && $0.params.first?.lowercased() == announce.lowercased()
        }
        try await alice.say(announce, "!declare sev2 Checkout returns 500s")
        _ = try await alice.waitForLine(timeout: .seconds(30), "declaration reply") {
            $0.command == "NOTICE" && $0.params.last?.contains("incident 1 declared") == true
        }
        if joining { try await alice.join(channel) }
    }
}
