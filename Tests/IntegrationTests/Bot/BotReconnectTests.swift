import IRC
import IRCClient
import NIOCore
import NIOPosix
import SitrepApp
import SitrepTestSupport
import Testing

/// A server that goes away and comes back finds the bot back: reconnected, re-authenticated, rejoined, within two
/// seconds of listening again whatever the outage, with the configuration a user runs.
@Suite(.ircServersAvailable, .ircServers(.shared))
struct BotReconnectTests {
    /// InspIRCd stopped for 3 s, 30 s and 90 s in turn (the same bot throughout); each time, the bot must be in
    /// every channel within 2 s of the server being able to take it back: accepting TCP connections again and, as
    /// the bot requires SASL, its services relinked (the control script sees NickServ; seen here 0.9-2.3 s after the
    /// ircd listens, under load). Both figures are printed.
    @Test(.ircServers(.exclusive), .timeLimit(.minutes(6)))
    func backInEveryChannelWithinTwoSecondsOfTheServerListeningAgainWhateverTheOutage() async throws {
        let servers = try IRCTestServers.require()
        let channels = [BotConfiguration.unique("#back"), BotConfiguration.unique("#back")]
        let configuration = BotConfiguration.make(
            servers: servers, endpoint: servers.inspircd, nick: BotConfiguration.unique("sitrep"), channels: channels,
            sasl: .plain(account: servers.botAccount, password: Secret(servers.botPassword)))
        let clock = ContinuousClock()
        try await RunningBot.with(configuration) { bot async throws in
            try await bot.waitFor("first SASL") { $0 == .authenticated(account: servers.botAccount) }
            for channel in channels { try await bot.waitForJoin(channel) }
            let control = ServerControl(servers)
            var figures: [String] = []
            for (round, outage) in [Duration.seconds(3), .seconds(30), .seconds(90)].enumerated() {
                try await control.stop(.inspircd)
                _ = try await bot.waitForLog("connection ended", timeout: .seconds(10))
                try await Task.sleep(for: outage)
                let startedAt = clock.now
                async let started = control.start(.inspircd)
                let listening = try await PortProbe.firstAccept(host: servers.host, port: servers.inspircdTLSPort)
                try await bot.waitFor("SASL again") { $0 == .authenticated(account: servers.botAccount) }
                for channel in channels { try await bot.waitForJoin(channel, timeout: .seconds(20)) }
                let rejoined = clock.now
                let servicesBack = startedAt.advanced(by: try await started)
                let rejoinedAfter = listening.duration(to: rejoined)
                let servicesAfter = listening.duration(to: servicesBack)
                figures.append("outage \(outage): rejoined \(rejoinedAfter) after the server listened again")
                print("reconnect: outage \(outage): back in \(channels.count) channels \(rejoinedAfter) after the "
                    + "server accepted connections again; the control script saw NickServ back \(servicesAfter) after")
                #expect(
                    rejoined <= max(listening, servicesBack).advanced(by: .seconds(2)),
                    "outage \(outage); bot log:\n\(bot.logs.lines.suffix(25).joined(separator: "\n"))")
                #expect(await bot.client.registrations == round + 2)
            }
            print("reconnect figures: " + figures.joined(separator: "; "))
        }
    }
}

/// Connection attempts to a server that accepts and closes at once (a tiny local listener, not an ircd): at most
/// one per second, with growing gaps, under the default configuration.
@Suite struct BotReconnectRateTests {
    @Test(.timeLimit(.minutes(1)))
    func aServerThatAcceptsAndClosesIsTriedAtMostOncePerSecond() async throws {
        let listener = try await AcceptAndCloseListener.start()
        let config = SitrepConfig.IRC(host: "127.0.0.1", port: listener.port, nick: BotConfiguration.unique("sitrep"))
        try await RunningBot.with(IRCClientConfiguration(config)) { bot async throws in
            try await Task.sleep(for: .seconds(8))
        }
        let accepts = listener.accepts()
        try await listener.stop()
        let gaps = zip(accepts, accepts.dropFirst()).map { $0.duration(to: $1) }
        print("accept-and-close server: \(accepts.count) attempts in 8 s, gaps \(gaps)")
        #expect(accepts.count >= 3, "the bot keeps trying")
        #expect(gaps.allSatisfy { $0 >= .milliseconds(950) }, "gaps \(gaps)")
        #expect(gaps.last.map { $0 >= .seconds(2) } ?? false, "the gaps grow")
    }
}

/// Waits until something accepts TCP connections on a port; returns the moment it first did.
enum PortProbe {
    static func firstAccept(
        host: String, port: Int, timeout: Duration = .seconds(30)
    ) async throws -> ContinuousClock.Instant {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while clock.now < deadline {
            if let channel = try? await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.milliseconds(200)).connect(host: host, port: port).get()
            {
                let accepted = clock.now
                try? await channel.close()
                return accepted
            }
            try await Task.sleep(for: .milliseconds(10))
        }
        throw PortProbeTimeout(port: port)
    }

    struct PortProbeTimeout: Error, CustomStringConvertible {
        var port: Int
        var description: String { "nothing accepted connections on port \(port) in time" }
    }
}
