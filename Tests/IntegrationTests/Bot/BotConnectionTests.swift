import IRC
import IRCClient
import SitrepApp
import SitrepTestSupport
import Testing

/// The bot's own IRC client against real servers over real TLS: registration, SASL, channels, nick collisions,
/// certificate checks, pacing and graceful shutdown.
@Suite(.ircServersAvailable, .ircServers(.shared))
struct BotConnectionTests {
    @Test func registersWithSaslPlainOverVerifiedTLSAndJoinsEveryChannel() async throws {
        let servers = try IRCTestServers.require()
        let channels = (1...3).map { _ in BotConfiguration.unique("#bot") }
        let nick = BotConfiguration.unique("sitrep")
        let configuration = BotConfiguration.make(
            servers: servers, endpoint: servers.inspircd, nick: nick, channels: channels,
            sasl: .plain(account: servers.botAccount, password: Secret(servers.botPassword)))
        let alice = try await ScriptedIRCUser.connect(
            to: servers.inspircd, servers: servers, nick: BotConfiguration.unique("alice"))
        try await alice.join(channels[0])
        try await RunningBot.with(configuration) { bot async throws in
            try await bot.waitFor("SASL success") { $0 == .authenticated(account: servers.botAccount) }
            #expect(try await bot.waitForRegistration() == nick)
            for channel in channels { try await bot.waitForJoin(channel) }
            let join = try await alice.waitForLine("the bot's JOIN") { $0.command == "JOIN" && $0.sourceNick == nick }
            #expect(join.params.first?.lowercased() == channels[0].lowercased())
            #expect(await bot.client.registrations == 1)
        }
        await alice.quit()
    }

    @Test func authenticatesWithSaslExternalUsingItsClientCertificate() async throws {
        let servers = try IRCTestServers.require()
        let configuration = BotConfiguration.make(
            servers: servers, endpoint: servers.inspircd, nick: BotConfiguration.unique("sitrep"), sasl: .external)
        try await RunningBot.with(configuration) { bot async throws in
            try await bot.waitFor("SASL EXTERNAL success") { $0 == .authenticated(account: servers.botAccount) }
            _ = try await bot.waitForRegistration()
        }
    }

    @Test func aWrongPasswordFailsCleanlyWithAClearLogLineAndNoRegistration() async throws {
        let servers = try IRCTestServers.require()
        let configuration = BotConfiguration.make(
            servers: servers, endpoint: servers.inspircd, nick: BotConfiguration.unique("sitrep"),
            sasl: .plain(account: servers.botAccount, password: Secret("definitely-wrong-password")))
        try await RunningBot.with(configuration) { bot async throws in
            let line = try await bot.waitForLog("SASL authentication failed")
            #expect(line.contains("check the account and password"))
            _ = try await bot.waitForLog("reconnecting")
            #expect(!bot.events.delivered.contains { if case .registered = $0.kind { true } else { false } })
            #expect(!bot.logs.contains("definitely-wrong-password"), "the password never reaches the log")
        }
    }

    @Test func registersOnNgircdWhichHasNoSaslAndJoins() async throws {
        let servers = try IRCTestServers.require()
        let channel = BotConfiguration.unique("#ng")
        let configuration = BotConfiguration.make(
            servers: servers, endpoint: servers.ngircd, nick: BotConfiguration.unique("sitrep"), channels: [channel])
        try await RunningBot.with(configuration) { bot async throws in
            _ = try await bot.waitForRegistration()
            try await bot.waitForJoin(channel)
        }
    }

    @Test func verifiesTheCertificateAgainstTheHostName() async throws {
        let servers = try IRCTestServers.require()
        let configuration = BotConfiguration.make(
            servers: servers, endpoint: servers.ngircd, nick: BotConfiguration.unique("sitrep"), host: "localhost")
        try await RunningBot.with(configuration) { bot async throws in
            _ = try await bot.waitForRegistration()
        }
    }

    @Test func takesAnAlternateNickWhenItsNickIsInUse() async throws {
        let servers = try IRCTestServers.require()
        let nick = BotConfiguration.unique("sitrep")
        let squatter = try await ScriptedIRCUser.connect(to: servers.ngircd, servers: servers, nick: nick)
        let configuration = BotConfiguration.make(servers: servers, endpoint: servers.ngircd, nick: nick)
        try await RunningBot.with(configuration) { bot async throws in
            #expect(try await bot.waitForRegistration() == nick + "_")
        }
        await squatter.quit()
    }

    @Test(arguments: ["no CA file", "an unrelated CA"])
    func refusesACertificateItCannotVerify(trust: String) async throws {
        let servers = try IRCTestServers.require()
        let caFile: String? = trust == "no CA file" ? nil : servers.otherCAFile
        let configuration = BotConfiguration.make(
            servers: servers, endpoint: servers.inspircd, nick: BotConfiguration.unique("sitrep"), caFile: caFile)
        try await RunningBot.with(configuration) { bot async throws in
            let line = try await bot.waitForLog("TLS failed")
            #expect(line.contains("tls.ca_file"))
            #expect(!bot.events.delivered.contains { if case .registered = $0.kind { true } else { false } })
        }
    }

    @Test func theInsecureOptOutConnectsButWarns() async throws {
        let servers = try IRCTestServers.require()
        let configuration = BotConfiguration.make(
            servers: servers, endpoint: servers.untrustedCertificate, nick: BotConfiguration.unique("sitrep"),
            caFile: nil, insecure: true)
        try await RunningBot.with(configuration) { bot async throws in
            _ = try await bot.waitForLog("verification is DISABLED")
            _ = try await bot.waitForRegistration()
        }
    }

    @Test func aFloodOfRepliesIsPacedAndTheBotIsNotDisconnected() async throws {
        let servers = try IRCTestServers.require()
        let channel = BotConfiguration.unique("#flood")
        let nick = BotConfiguration.unique("sitrep")
        let configuration = BotConfiguration.make(
            servers: servers, endpoint: servers.inspircd, nick: nick, channels: [channel],
            sasl: .plain(account: servers.botAccount, password: Secret(servers.botPassword)))
        let alice = try await ScriptedIRCUser.connect(
            to: servers.inspircd, servers: servers, nick: BotConfiguration.unique("alice"))
        try await alice.join(channel)
        let count = 16
        try await RunningBot.with(configuration) { bot async throws in
            try await bot.waitForJoin(channel)
            for index in 1...count { await bot.client.say("flood line \(index) of \(count)", to: channel) }
            let clock = ContinuousClock()
            let start = clock.now
            for index in 1...count {
                _ = try await alice.waitForLine(timeout: .seconds(30), "flood line \(index)") {
                    $0.command == "NOTICE" && $0.params.last == "flood line \(index) of \(count)"
                }
            }
            let elapsed = start.duration(to: clock.now)
            #expect(elapsed >= .seconds(8), "burst 5 then 1 line/s: 16 lines take over 10 s, took \(elapsed)")
            #expect(await bot.client.registrations == 1, "never disconnected for flooding")
            #expect(!bot.logs.contains("connection ended"))
        }
        await alice.quit()
    }

    @Test func gracefulShutdownSaysQuitWithItsMessage() async throws {
        let servers = try IRCTestServers.require()
        let channel = BotConfiguration.unique("#quit")
        let nick = BotConfiguration.unique("sitrep")
        let configuration = BotConfiguration.make(
            servers: servers, endpoint: servers.ngircd, nick: nick, channels: [channel])
        let alice = try await ScriptedIRCUser.connect(
            to: servers.ngircd, servers: servers, nick: BotConfiguration.unique("alice"))
        try await alice.join(channel)
        try await RunningBot.withGracefulShutdown(configuration) { bot, shutDown in
            try await bot.waitForJoin(channel)
            shutDown()
            let quit = try await alice.waitForLine("the bot's QUIT") { $0.command == "QUIT" && $0.sourceNick == nick }
            #expect(quit.params.last?.contains("sitrep shutting down") == true)
        }
        await alice.quit()
    }
}
