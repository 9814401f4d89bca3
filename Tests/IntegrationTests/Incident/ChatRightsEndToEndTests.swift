import Foundation
import SitrepApp
import SitrepCore
import SitrepTestSupport
import Testing

/// `incidents.grant_chat_rights` over the real InspIRCd: naming someone lead gives them channel operator in the
/// incident channel, and where the bot is not a channel operator it says so in one line instead.
@Suite(.ircServersAvailable, .ircServers(.shared))
struct ChatRightsEndToEndTests {
    /// The bot created the incident channel, so it is its channel operator: `!lead bob` makes bob one too.
    @Test func aNewLeadBecomesChannelOperatorOfTheIncidentChannel() async throws {
        try await Self.withRightsOn(aliceMakesTheChannel: false) { app, alice, bob, channel, botNick in
            try await alice.say(channel, "!lead \(bob.nick)")
            let mode = try await bob.waitForLine(timeout: .seconds(30), "MODE +o for bob") {
                $0.command == "MODE" && $0.params.first?.lowercased() == channel.lowercased()
            }
            #expect(mode.sourceNick == botNick)
            #expect(Array(mode.params.dropFirst()) == ["+o", bob.nick])
            try await app.parts.writer.drain()
            #expect(try await app.parts.store.incident(id: 1)?.lead?.identity == .account("bob"))
        }
    }

    /// Alice made the channel before the incident, so she is its operator and the bot is not: `!lead bob` is done,
    /// and the bot says in one line that it could not give bob the rights, with no MODE sent.
    @Test func withoutChannelOperatorTheBotSaysSoInOneLineAndTheLeadStillChanges() async throws {
        try await Self.withRightsOn(aliceMakesTheChannel: true) { app, alice, bob, channel, botNick in
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
    }

    /// Bob has left the incident channel: when alice gives him a role there, the bot invites him back in (the
    /// channel may be invite only), and bob can join.
    @Test func someoneGivenARoleWhoIsNotInTheChannelIsInvited() async throws {
        try await Self.withRightsOn(aliceMakesTheChannel: false) { app, alice, bob, channel, botNick in
            try await bob.send("PART \(channel)")
            _ = try await alice.waitForLine(timeout: .seconds(30), "bob leaves") {
                $0.command == "PART" && $0.sourceNick == bob.nick
            }
            try await alice.say(channel, "!role comms \(bob.nick)")
            let invite = try await bob.waitForLine(timeout: .seconds(30), "the invitation") {
                $0.command == "INVITE" && $0.sourceNick == botNick
            }
            #expect(invite.params.last?.lowercased() == channel.lowercased())
            try await bob.join(channel)
            try await app.parts.writer.drain()
            // Named while away, he is known by nick (his account is not visible from outside the channel).
            #expect(try await app.parts.store.incident(id: 1)?.roles["comms"]?.nick == bob.nick)
        }
    }

    /// The app with the switch on, alice (a commander) and bob (a responder) logged in; alice declares in the
    /// announce channel and both are in the incident channel (which alice made first when `aliceMakesTheChannel`)
    /// with the bot before `body` runs, given the incident channel and the bot's nick.
    static func withRightsOn(
        aliceMakesTheChannel: Bool,
        _ body: @Sendable (RunningApp, _ alice: ScriptedIRCUser, _ bob: ScriptedIRCUser, String, String) async throws
            -> Void
    ) async throws {
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
        if aliceMakesTheChannel { try await alice.join(channel) }
        try await alice.join(announce)
        let botNick = try #require(config.irc?.nick)
        try await RunningApp.with(config) { app in
            _ = try await alice.waitForLine(timeout: .seconds(20), "bot joins the announce channel") {
                $0.command == "JOIN" && $0.sourceNick == botNick
                    && $0.params.first?.lowercased() == announce.lowercased()
            }
            try await alice.say(announce, "!declare sev2 Checkout returns 500s")
            _ = try await alice.waitForLine(timeout: .seconds(30), "declaration reply") {
                $0.command == "NOTICE" && $0.params.last?.contains("incident 1 declared") == true
            }
            if aliceMakesTheChannel {
                _ = try await alice.waitForLine(timeout: .seconds(30), "bot joins the incident channel") {
                    $0.command == "JOIN" && $0.sourceNick == botNick
                        && $0.params.first?.lowercased() == channel.lowercased()
                }
            } else {
                try await alice.join(channel)
            }
            try await bob.join(channel)
            try await body(app, alice, bob, channel, botNick)
        }
        for user in [alice, bob] { await user.quit() }
    }
}
