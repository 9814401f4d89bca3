import SitrepCore
import Testing
@testable import IRC

@Suite struct IRCSessionMessageTests {
    static func driver(capabilities: String = "account-tag server-time echo-message message-tags") -> SessionDriver {
        var driver = SessionDriver.plain()
        driver.register(capabilities: capabilities, isupport: "CHANTYPES=# STATUSMSG=@+ PREFIX=(ov)@+")
        driver.receive(":sitrep!bot@h JOIN #ops")
        driver.receive(":irc.test 353 sitrep = #ops :alice sitrep")
        return driver
    }

    func onlyMessage(_ driver: SessionDriver) -> (IRCEvent, IRCChatMessage)? {
        guard driver.events.count == 1, case .message(let chat) = driver.events[0].kind else { return nil }
        return (driver.events[0], chat)
    }

    @Test func channelMessageCarriesAccountAndServerTime() throws {
        var driver = Self.driver()
        driver.receive("@time=2026-11-22T18:00:00.123Z;account=aliceacct;msgid=abc :alice!a@h PRIVMSG #ops :/ack")
        let (event, chat) = try #require(onlyMessage(driver))
        #expect(chat.sender.identity == .account("aliceacct"))
        #expect(chat.channel == "#ops" && chat.text == "/ack" && chat.kind == .privmsg && !chat.isOwnEcho)
        #expect(event.messageID == "abc")
        #expect(driver.session.roster.member("alice", in: "#ops")?.user.account == "aliceacct")
    }

    @Test func withoutAccountTagTheIdentityIsTheNick() throws {
        var driver = Self.driver(capabilities: "")
        driver.receive(":alice!a@h PRIVMSG #ops :hello")
        let (event, chat) = try #require(onlyMessage(driver))
        #expect(chat.sender.identity == .nick("alice"))
        #expect(event.serverTime == nil)
    }

    @Test func aForgedAccountTagIsIgnoredWhenTheCapabilityIsOff() throws {
        var driver = Self.driver(capabilities: "")
        driver.receive("@account=root :mallory!m@h PRIVMSG #ops :/close")
        let (_, chat) = try #require(onlyMessage(driver))
        #expect(chat.sender.identity == .nick("mallory"))
    }

    @Test func privateMessagesHaveNoChannel() throws {
        var driver = Self.driver()
        driver.receive(":alice!a@h PRIVMSG sitrep :declare sev2 checkout down")
        let (_, chat) = try #require(onlyMessage(driver))
        #expect(chat.channel == nil && chat.target == "sitrep")
    }

    @Test func statusMessageTargetsResolveToTheChannel() throws {
        var driver = Self.driver()
        driver.receive(":alice!a@h NOTICE @#ops :ops only")
        let (_, chat) = try #require(onlyMessage(driver))
        #expect(chat.channel == "#ops" && chat.target == "@#ops" && chat.kind == .notice)
    }

    @Test(arguments: ["\u{1}ACTION restarts the database\u{1}", "\u{1}ACTION restarts the database"])
    func actionsAreMessagesOfTheirOwnKind(text: String) throws {
        var driver = Self.driver()
        driver.receive(":alice!a@h PRIVMSG #ops :\(text)")
        let (_, chat) = try #require(onlyMessage(driver))
        #expect(chat.kind == .action && chat.text == "restarts the database")
    }

    @Test func ctcpVersionAndPingAreAnsweredByNotice() {
        var driver = Self.driver()
        #expect(driver.receive(":alice!a@h PRIVMSG sitrep :\u{1}VERSION\u{1}") == ["NOTICE alice :\u{1}VERSION sitrep\u{1}"])
        #expect(driver.receive(":alice!a@h PRIVMSG sitrep :\u{1}PING 12345\u{1}") == ["NOTICE alice :\u{1}PING 12345\u{1}"])
        #expect(driver.events.isEmpty)
    }

    @Test func ctcpInANoticeIsNeverAnswered() {
        var driver = Self.driver()
        #expect(driver.receive(":alice!a@h NOTICE sitrep :\u{1}VERSION\u{1}") == [])
    }

    @Test func ownEchoIsMarkedWithItsLabel() throws {
        var driver = Self.driver(capabilities: "echo-message labeled-response batch message-tags")
        driver.receive("@label=L7 :sitrep!bot@h NOTICE #ops :incident 1 declared")
        let (_, chat) = try #require(onlyMessage(driver))
        #expect(chat.isOwnEcho && chat.label == "L7")
    }

    @Test func messagesInsideAHistoryBatchSayWhichBatch() throws {
        var driver = Self.driver(capabilities: "batch server-time")
        driver.receive(":irc.test BATCH +h1 chathistory #ops")
        driver.receive("@batch=h1;time=2026-11-22T17:59:00.000Z :alice!a@h PRIVMSG #ops :before we joined")
        let (event, _) = try #require(onlyMessage(driver))
        #expect(event.batchType == "chathistory")
        driver.receive(":irc.test BATCH -h1")
        driver.receive("@batch=h1 :alice!a@h PRIVMSG #ops :after")
        #expect(driver.events.first?.batchType == nil)
    }

    @Test func accountTagRefreshesTheRoster() {
        var driver = Self.driver()
        driver.receive("@account=alice2 :alice!a@h PRIVMSG #ops :hi")
        #expect(driver.session.roster.member("alice", in: "#ops")?.user.account == "alice2")
    }
}
