import IRC
import IRCClient
import SitrepApp
import Testing

/// A server that goes away and comes back finds the bot back: reconnected, re-authenticated, rejoined.
@Suite(.ircServersAvailable, .ircServers(.shared))
struct BotReconnectTests {
    @Test(.ircServers(.exclusive))
    func restartedServerFindsTheBotBackInItsChannelsWithinTwoSeconds() async throws {
        let servers = try IRCTestServers.require()
        let channels = [BotConfiguration.unique("#back"), BotConfiguration.unique("#back")]
        // First retry within 1 s; the cap is kept at 1 s so a restart of a few seconds is met by the next retry.
        let configuration = BotConfiguration.make(
            servers: servers, endpoint: servers.inspircd, nick: BotConfiguration.unique("sitrep"), channels: channels,
            sasl: .plain(account: servers.botAccount, password: Secret(servers.botPassword)),
            maxReconnectDelay: .seconds(1))
        try await RunningBot.with(configuration) { bot async throws in
            try await bot.waitFor("first SASL") { $0 == .authenticated(account: servers.botAccount) }
            for channel in channels { try await bot.waitForJoin(channel) }
            let control = ServerControl(servers)
            try await control.stop(.inspircd)
            _ = try await bot.waitForLog("connection ended")
            try await control.start(.inspircd)
            let clock = ContinuousClock()
            let back = clock.now
            try await bot.waitFor("SASL again") { $0 == .authenticated(account: servers.botAccount) }
            for channel in channels { try await bot.waitForJoin(channel, timeout: .seconds(10)) }
            let rejoinedAfter = back.duration(to: clock.now)
            print("reconnect: rejoined \(channels.count) channels \(rejoinedAfter) after the server was back")
            #expect(rejoinedAfter < .seconds(2), "bot log:\n\(bot.logs.lines.suffix(25).joined(separator: "\n"))")
            #expect(await bot.client.registrations == 2)
        }
    }
}
