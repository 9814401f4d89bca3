import IRC
import IRCClient
import SitrepApp
import SitrepTestSupport
import Testing

/// What the application hands the bot while its link is down goes out once the bot is back: after registration
/// and the rejoin (never a 451 "You have not registered"), exactly once, and in lines the server does not cut.
///
/// The outage is a relay between the bot and InspIRCd that is killed and restarted: the bot's connection is cut
/// and its attempts refused, while the server and the person being paged stay connected.
@Suite(.ircServersAvailable, .ircServers(.shared))
struct BotOutageDeliveryTests {
    static let longText = (1...90).map { "step\($0)-ünïcødé" }.joined(separator: " ")

    @Test(.timeLimit(.minutes(2)))
    func aPageAndALongReplyQueuedDuringAnOutageArriveOnceAfterTheRejoinAndUncut() async throws {
        let servers = try IRCTestServers.require()
        let relay = try await TCPRelay.start(to: servers.inspircdTLSPort)
        let channel = BotConfiguration.unique("#outage")
        let bob = try await ScriptedIRCUser.connect(
            to: servers.inspircd, servers: servers, nick: BotConfiguration.unique("bob"))
        try await bob.join(channel)
        let nick = BotConfiguration.unique("sitrep")
        let configuration = BotConfiguration.make(
            servers: servers, endpoint: .init(host: servers.host, port: relay.port, tls: true), nick: nick,
            channels: [channel], sasl: .plain(account: servers.botAccount, password: Secret(servers.botPassword)))
        try await RunningBot.with(configuration) { bot async throws in
            try await bot.waitForJoin(channel)
            try await bob.waitForLine("the bot's first JOIN") { $0.command == "JOIN" && $0.sourceNick == nick }
            try await relay.stop()
            _ = try await bot.waitForLog("connection ended")
            await bot.client.say(Self.longText, to: channel)
            await bot.client.say("page: INC-1 needs you", to: bob.nick, notice: false, priority: .control)
            try await Task.sleep(for: .seconds(1))
            try await relay.start()

            try await bob.waitForLine("the bot's JOIN after the outage") {
                $0.command == "JOIN" && $0.sourceNick == nick
            }
            let page = try await bob.waitForLine(timeout: .seconds(15), "the page") {
                $0.command == "PRIVMSG" && $0.sourceNick == nick && $0.params.first == bob.nick
            }
            #expect(page.trailing == "page: INC-1 needs you")
            var pieces: [IRCLine] = []
            while pieces.map({ $0.trailing ?? "" }).joined(separator: " ").count < Self.longText.count {
                pieces.append(
                    try await bob.waitForLine(timeout: .seconds(20), "the next piece of the reply") {
                        $0.command == "NOTICE" && $0.sourceNick == nick
                    })
            }
            let longest = pieces.map { $0.raw.utf8.count + 2 }.max() ?? 0
            print("outage delivery: reply in \(pieces.count) lines, the longest \(longest) bytes on the wire")
            #expect(pieces.allSatisfy { $0.raw.utf8.count + 2 <= 512 })
            #expect(pieces.map { $0.trailing ?? "" }.joined(separator: " ") == Self.longText, "nothing cut")
            try await Task.sleep(for: .seconds(2))
            let lines = bob.recentLines.map(IRCLine.init)
            let isPage = { (line: IRCLine) in
                line.command == "PRIVMSG" && line.sourceNick == nick && line.params.first == bob.nick
            }
            #expect(lines.filter(isPage).count == 1, "the page arrives once")
            let rejoin = lines.lastIndex { $0.command == "JOIN" && $0.sourceNick == nick }
            #expect(rejoin != nil && lines.firstIndex(where: isPage).map { $0 > rejoin! } == true, "after the rejoin")
        }
        await bob.quit()
        try await relay.stop()
    }
}
