import SitrepCore
import Testing
@testable import IRC

@Suite struct IRCSessionRegistrationTests {
    @Test func connectingStartsCapabilityNegotiationThenNickAndUser() {
        var driver = SessionDriver.plain()
        #expect(driver.connect() == ["CAP LS 302", "NICK sitrep", "USER sitrep 0 * :sitrep incident bot"])
        #expect(driver.session.phase == .negotiatingCapabilities)
    }

    @Test func multiLineCapabilityListIsReadToTheEndBeforeRequesting() {
        var driver = SessionDriver.plain()
        driver.connect()
        #expect(driver.receive(":irc.test CAP * LS * :multi-prefix server-time unknown-cap") == [])
        let sent = driver.receive(":irc.test CAP * LS :account-tag sasl=PLAIN,EXTERNAL batch")
        #expect(sent == ["CAP REQ :server-time account-tag batch multi-prefix"])
        #expect(driver.session.availableCapabilities["sasl"] == "PLAIN,EXTERNAL")
    }

    @Test func acknowledgedCapabilitiesAreEnabledAndNegotiationEnds() {
        var driver = SessionDriver.plain()
        driver.connect()
        driver.receive(":irc.test CAP * LS :server-time echo-message")
        #expect(driver.receive(":irc.test CAP sitrep ACK :server-time echo-message") == ["CAP END"])
        #expect(driver.session.has("server-time") && driver.session.has("echo-message"))
        #expect(driver.session.phase == .awaitingWelcome)
    }

    @Test func refusedCapabilitiesStillEndNegotiation() {
        var driver = SessionDriver.plain()
        driver.connect()
        driver.receive(":irc.test CAP * LS :server-time")
        #expect(driver.receive(":irc.test CAP * NAK :server-time") == ["CAP END"])
        #expect(!driver.session.has("server-time"))
    }

    @Test func serverWithoutWantedCapabilitiesGetsCapEndAtOnce() {
        var driver = SessionDriver.plain()
        driver.connect()
        #expect(driver.receive(":irc.test CAP * LS :something-else") == ["CAP END"])
    }

    @Test func serverWithoutCapSupportStillRegisters() {
        var driver = SessionDriver.plain()
        driver.connect()
        driver.receive(":irc.test 421 sitrep CAP :Unknown command")
        #expect(driver.session.phase == .awaitingWelcome)
        driver.receive(":irc.test 001 sitrep :Welcome")
        #expect(driver.session.isRegistered)
    }

    @Test func capNewRequestsWantedAndCapDelRemoves() {
        var driver = SessionDriver.plain()
        driver.register(capabilities: "cap-notify")
        #expect(driver.receive(":irc.test CAP sitrep NEW :away-notify foo") == ["CAP REQ away-notify"])
        driver.receive(":irc.test CAP sitrep ACK :away-notify")
        #expect(driver.session.has("away-notify"))
        driver.receive(":irc.test CAP sitrep DEL :away-notify")
        #expect(!driver.session.has("away-notify"))
    }

    @Test func welcomeRegistersAndEndOfMotdJoinsConfiguredChannels() {
        var driver = SessionDriver.plain(channels: ["#ops", "#incidents"])
        driver.connect()
        driver.receive(":irc.test CAP * LS :")
        driver.receive(":irc.test 001 sitrep :Welcome to the network")
        #expect(driver.eventKinds == [.registered(nick: "sitrep")])
        #expect(driver.receive(":irc.test 422 sitrep :MOTD File is missing") == ["JOIN #ops,#incidents"])
        #expect(driver.receive(":irc.test 376 sitrep :End of MOTD") == [], "channels are joined once per connection")
    }

    @Test func manyChannelsAreJoinedInLinesThatFit() {
        let channels = (0..<100).map { "#incident-channel-\($0)" }
        var driver = SessionDriver.plain(channels: channels)
        driver.register()
        let joins = driver.sent
        #expect(joins.count > 1)
        #expect(joins.allSatisfy { $0.utf8.count < 510 })
        let joined = joins.flatMap { $0.dropFirst(5).split(separator: ",").map(String.init) }
        #expect(joined == channels)
    }

    @Test func nickInUseTriesAlternatesThenGivesUp() {
        var driver = SessionDriver(IRCSessionConfiguration(nick: "sitrep", alternateNicks: ["sitrep_", "sitrep2"]))
        driver.connect()
        #expect(driver.receive(":irc.test 433 * sitrep :Nickname is already in use") == ["NICK sitrep_"])
        #expect(driver.receive(":irc.test 432 * sitrep_ :Erroneous nickname") == ["NICK sitrep2"])
        driver.receive(":irc.test 437 * sitrep2 :Nick/channel is temporarily unavailable")
        #expect(driver.disconnectReason == .noUsableNick)
    }

    @Test func registeringUnderAnAlternateMonitorsThePrimaryAndReclaimsIt() {
        var driver = SessionDriver.plain()
        driver.connect()
        driver.receive(":irc.test 433 * sitrep :Nickname is already in use")
        #expect(driver.receive(":irc.test 001 sitrep_ :Welcome") == ["MONITOR + sitrep"])
        #expect(driver.session.currentNick == "sitrep_")
        #expect(driver.receive(":irc.test 731 sitrep_ :sitrep") == ["NICK sitrep"])
        driver.receive(":sitrep_!bot@host NICK sitrep")
        #expect(driver.session.currentNick == "sitrep")
        #expect(driver.eventKinds == [.ownNickChanged(nick: "sitrep")])
    }

    @Test func nickInUseAfterRegistrationDoesNotChangeNick() {
        var driver = SessionDriver.plain()
        driver.register()
        #expect(driver.receive(":irc.test 433 sitrep other :Nickname is already in use") == [])
        #expect(driver.session.currentNick == "sitrep")
    }

    @Test func isupportSetsCasemappingPrefixesAndBotMode() {
        var driver = SessionDriver.plain()
        driver.register(isupport: "CASEMAPPING=ascii PREFIX=(qaohv)~&@%+ BOT=B LINELEN=1024 CHATHISTORY=100 WHOX")
        #expect(driver.session.isupport.casemapping == .ascii)
        #expect(driver.session.isupport.prefixes.map(\.prefix) == ["~", "&", "@", "%", "+"])
        #expect(driver.session.isupport.lineLength == 1024)
        #expect(driver.session.isupport.chatHistoryLimit == 100)
        #expect(driver.session.isupport.supportsWHOX)
        driver.receive(":irc.test 005 sitrep BOT=B :are supported")
        #expect(driver.sent == [], "bot mode is set once")
    }

    @Test func botModeIsRequestedWhenAdvertised() {
        var driver = SessionDriver.plain()
        driver.connect()
        driver.receive(":irc.test CAP * LS :")
        driver.receive(":irc.test 001 sitrep :Welcome")
        #expect(driver.receive(":irc.test 005 sitrep BOT=B CHANTYPES=# :are supported") == ["MODE sitrep +B"])
    }

    @Test func serverErrorAsksToDisconnect() {
        var driver = SessionDriver.plain()
        driver.register()
        driver.receive("ERROR :Closing link: (sitrep@127.0.0.1) [Killed]")
        #expect(driver.disconnectReason == .serverError("Closing link: (sitrep@127.0.0.1) [Killed]"))
    }

    @Test func reconnectRejoinsConfiguredAndRuntimeChannels() {
        var driver = SessionDriver.plain(channels: ["#ops"])
        driver.register()
        driver.receive(":sitrep!bot@host JOIN #ops")
        var session = driver.session
        #expect(session.join("#inc-1") == [.send(IRCMessage(command: "JOIN", parameters: ["#inc-1"]), .control)])
        driver.session = session
        driver.session.connectionClosed()
        #expect(driver.session.roster.channels.isEmpty)
        driver.register()
        #expect(driver.sent == ["JOIN #ops,#inc-1"])
    }

    @Test func partedChannelsAreNotRejoined() {
        var driver = SessionDriver.plain(channels: ["#ops", "#inc-1"])
        driver.register()
        _ = driver.session.part("#INC-1", reason: "closed")
        driver.session.connectionClosed()
        driver.register()
        #expect(driver.sent == ["JOIN #ops"])
    }

    @Test func controlLinesGoAheadOfChatAndPongIsImmediate() {
        var driver = SessionDriver.plain()
        driver.register()
        driver.receive("PING :irc.test")
        #expect(driver.sent == ["PONG irc.test"])
        #expect(driver.priorities == [.immediate])
        #expect(OutboundPriority.immediate < .control && OutboundPriority.control < .chat)
    }
}
