import SitrepCore
import Testing
@testable import IRC

@Suite struct IRCSessionChannelTests {
    static let caps = "extended-join account-notify account-tag multi-prefix userhost-in-names server-time"

    static func joinedDriver(capabilities: String = caps, isupport: String = "CASEMAPPING=rfc1459 PREFIX=(ov)@+ CHANTYPES=#")
        -> SessionDriver
    {
        var driver = SessionDriver.plain()
        driver.register(capabilities: capabilities, isupport: isupport)
        driver.receive(":sitrep!bot@gateway/sitrep JOIN #ops * :sitrep incident bot")
        driver.receive(":irc.test 332 sitrep #ops :Ops chat")
        driver.receive(":irc.test 353 sitrep = #ops :@+alice!a@host1 +bob!b@host2 sitrep!bot@gateway/sitrep")
        driver.receive(":irc.test 366 sitrep #ops :End of /NAMES list.")
        return driver
    }

    @Test func ownJoinIsReportedAndTeachesUsOurPrefix() {
        var driver = SessionDriver.plain()
        driver.register(capabilities: Self.caps)
        driver.receive(":sitrep!bot@gateway/sitrep JOIN #ops * :sitrep incident bot")
        #expect(driver.eventKinds == [.joined(channel: "#ops")])
        #expect(driver.session.ownSource == IRCSource(nick: "sitrep", user: "bot", host: "gateway/sitrep"))
    }

    @Test func namesWithMultiPrefixAndUserhostFillTheRoster() {
        let driver = Self.joinedDriver()
        let roster = driver.session.roster
        #expect(roster.member("alice", in: "#ops")?.modes == ["o", "v"])
        #expect(roster.member("bob", in: "#ops")?.modes == ["v"])
        #expect(roster.member("bob", in: "#ops")?.user.host == "host2")
        #expect(roster.channel("#ops")?.topic == "Ops chat")
        #expect(roster.channel("#OPS")?.members.count == 3)
    }

    @Test func extendedJoinCarriesTheAccount() {
        var driver = Self.joinedDriver()
        driver.receive(":carol!c@host3 JOIN #ops carolacct :Carol C")
        let carol = IRCUser(nick: "carol", user: "c", host: "host3", account: "carolacct")
        #expect(driver.eventKinds == [.memberJoined(channel: "#ops", user: carol)])
        #expect(driver.session.roster.member("carol", in: "#ops")?.user.identity == .account("carolacct"))
        driver.receive(":dave!d@host4 JOIN #ops * :Dave")
        #expect(driver.session.roster.member("dave", in: "#ops")?.user.identity == .nick("dave"))
    }

    @Test func accountNotifyUpdatesIdentity() {
        var driver = Self.joinedDriver()
        driver.receive(":bob!b@host2 ACCOUNT bobacct")
        #expect(driver.session.roster.member("bob", in: "#ops")?.user.identity == .account("bobacct"))
        driver.receive(":bob!b@host2 ACCOUNT *")
        #expect(driver.session.roster.member("bob", in: "#ops")?.user.identity == .nick("bob"))
        #expect(driver.eventKinds == [.accountChanged(user: IRCUser(nick: "bob", user: "b", host: "host2"))])
    }

    @Test func whoxAfterJoinLearnsAccounts() {
        var driver = SessionDriver.plain()
        driver.register(isupport: "WHOX CASEMAPPING=ascii")
        driver.receive(":sitrep!bot@h JOIN #ops")
        driver.receive(":irc.test 353 sitrep = #ops :alice sitrep")
        #expect(driver.receive(":irc.test 366 sitrep #ops :End of /NAMES list.") == ["WHO #ops %tcuhnfa,152"])
        driver.receive(":irc.test 354 sitrep 152 #ops a host1 alice H@ aliceacct")
        driver.receive(":irc.test 354 sitrep 152 #ops b host2 bob G 0")
        #expect(driver.session.roster.member("alice", in: "#ops")?.user.account == "aliceacct")
        #expect(driver.session.roster.member("bob", in: "#ops")?.user.account == nil)
        #expect(driver.session.roster.member("bob", in: "#ops")?.isAway == true)
    }

    @Test func partKickAndQuitRemoveMembersAndSayWhere() {
        var driver = Self.joinedDriver()
        driver.receive(":bob!b@host2 PART #ops :lunch")
        #expect(driver.session.roster.member("bob", in: "#ops") == nil)
        driver.receive(":carol!c@h JOIN #ops * :Carol")
        driver.receive(":alice!a@host1 KICK #ops carol :not now")
        #expect(driver.session.roster.member("carol", in: "#ops") == nil)
        guard case .memberKicked(let channel, let user, let by, let reason) = driver.eventKinds.first else {
            Issue.record("expected a kick event, got \(driver.eventKinds)")
            return
        }
        #expect(channel == "#ops" && user.nick == "carol" && by.nick == "alice" && reason == "not now")
        driver.receive(":alice!a@host1 QUIT :Quit: bye")
        guard case .memberQuit(let quitter, let channels, let quitReason) = driver.eventKinds.first else {
            Issue.record("expected a quit event")
            return
        }
        #expect(quitter.nick == "alice" && channels == ["#ops"] && quitReason == "Quit: bye")
        #expect(driver.session.roster.channel("#ops")?.members.count == 1)
    }

    @Test func beingKickedLeavesTheChannel() {
        var driver = Self.joinedDriver()
        driver.receive(":alice!a@host1 KICK #ops sitrep :out")
        #expect(driver.session.roster.channel("#ops") == nil)
        guard case .left(let channel, let by, let reason) = driver.eventKinds.first else {
            Issue.record("expected a left event")
            return
        }
        #expect(channel == "#ops" && by?.nick == "alice" && reason == "out")
    }

    @Test func nickChangesFollowTheMemberAcrossChannels() {
        var driver = Self.joinedDriver()
        driver.receive(":bob!b@host2 NICK robert")
        #expect(driver.session.roster.member("bob", in: "#ops") == nil)
        #expect(driver.session.roster.member("robert", in: "#ops")?.modes == ["v"])
        guard case .nickChanged(let from, let user, let channels) = driver.eventKinds.first else {
            Issue.record("expected a nick event")
            return
        }
        #expect(from == "bob" && user.nick == "robert" && channels == ["#ops"])
    }

    @Test func membershipModesAreTrackedThroughModeChanges() {
        var driver = Self.joinedDriver(isupport: "PREFIX=(ov)@+ CHANMODES=beI,k,l,imnpst")
        driver.receive(":alice!a@host1 MODE #ops +olb-v bob 10 *!*@spam bob")
        let bob = driver.session.roster.member("bob", in: "#ops")
        #expect(bob?.modes == ["o"])
        #expect(driver.eventKinds == [.modeChanged(
            channel: "#ops", by: IRCUser(nick: "alice", user: "a", host: "host1"),
            modes: ["+olb-v", "bob", "10", "*!*@spam", "bob"])])
    }

    @Test func topicChangesAreReported() {
        var driver = Self.joinedDriver()
        driver.receive(":alice!a@host1 TOPIC #ops :[SEV2] checkout down")
        #expect(driver.session.roster.channel("#ops")?.topic == "[SEV2] checkout down")
        #expect(driver.events.count == 1)
    }

    @Test func rfc1459CasemappingTreatsBracketsAsLetters() {
        var driver = SessionDriver.plain()
        driver.register(isupport: "CASEMAPPING=rfc1459")
        driver.receive(":sitrep!b@h JOIN #Ops[1]")
        driver.receive(":Nick[away]!n@h JOIN #ops{1}")
        #expect(driver.session.roster.member("nick{AWAY}", in: "#OPS{1}") != nil)
    }

    @Test func asciiCasemappingKeepsBracketsDistinct() {
        var driver = SessionDriver.plain()
        driver.register(isupport: "CASEMAPPING=ascii")
        driver.receive(":sitrep!b@h JOIN #ops[1]")
        #expect(driver.session.roster.channel("#ops{1}") == nil)
        #expect(driver.session.roster.channel("#OPS[1]") != nil)
    }

    @Test func invitesToTheBotAreReported() {
        var driver = Self.joinedDriver()
        driver.receive(":alice!a@host1 INVITE sitrep #inc-7")
        #expect(driver.eventKinds == [.invited(channel: "#inc-7", by: IRCUser(nick: "alice", user: "a", host: "host1"))])
        driver.receive(":alice!a@host1 INVITE bob #inc-7")
        #expect(driver.events.isEmpty, "invite-notify about others is not an invitation for us")
    }

    @Test func noSuchNickIsReportedWithTheNickThatIsNotOnline() {
        var driver = Self.joinedDriver()
        driver.receive(":irc.example 401 sitrep bob :No such nick/channel")
        #expect(driver.eventKinds == [.noSuchNick(nick: "bob")])
        driver.receive(":irc.example 402 sitrep irc.other :No such server")
        #expect(driver.events.isEmpty, "only 401 says a nick is not on the network")
    }

    @Test func chghostUpdatesOurOwnPrefix() {
        var driver = Self.joinedDriver(capabilities: Self.caps + " chghost")
        driver.receive(":sitrep!bot@gateway/sitrep CHGHOST bot services/bot/sitrep")
        #expect(driver.session.ownSource?.host == "services/bot/sitrep")
    }
}
