import SitrepCore
import Testing
@testable import IRC

/// `.synced`: after registration, once every channel joined then has its member list (with accounts through
/// WHOX where the server has it), so pages resolve accounts to nicks; never later than `membersWait`.
@Suite struct IRCSessionSyncTests {
    static let whox = "CASEMAPPING=rfc1459 CHANTYPES=# PREFIX=(ov)@+ WHOX"

    @Test func syncedComesAfterTheLastChannelsWhoReplyNotAtRegistration() {
        var driver = SessionDriver.plain(channels: ["#ops", "#inc-1"])
        driver.register(isupport: Self.whox)
        #expect(!driver.eventKinds.contains(.synced), "not at the end of the MOTD")
        driver.receive(":sitrep!bot@host JOIN #ops")
        driver.receive(":irc.test 366 sitrep #ops :End of /NAMES list.")
        driver.receive(":irc.test 354 sitrep 152 #ops b host2 bob H bobacct")
        driver.receive(":irc.test 315 sitrep #ops :End of /WHO list.")
        #expect(driver.eventKinds.isEmpty, "#inc-1 is not in yet")
        driver.receive(":sitrep!bot@host JOIN #inc-1")
        driver.receive(":irc.test 366 sitrep #inc-1 :End of /NAMES list.")
        #expect(driver.eventKinds.isEmpty, "its accounts come with WHO")
        driver.receive(":irc.test 315 sitrep #INC-1 :End of /WHO list.")
        #expect(driver.eventKinds == [.synced])
        #expect(driver.session.roster.member("bob", in: "#ops")?.user.account == "bobacct")
    }

    @Test func withoutWhoxTheEndOfNamesCompletesAChannel() {
        var driver = SessionDriver.plain(channels: ["#ops"])
        driver.register()
        driver.receive(":sitrep!bot@host JOIN #ops")
        driver.receive(":irc.test 366 sitrep #ops :End of /NAMES list.")
        #expect(driver.eventKinds == [.synced])
    }

    @Test func aChannelThatCannotBeJoinedDoesNotHoldItBack() {
        var driver = SessionDriver.plain(channels: ["#ops", "#closed"])
        driver.register()
        driver.receive(":irc.test 473 sitrep #closed :Cannot join channel (+i)")
        driver.receive(":sitrep!bot@host JOIN #ops")
        driver.receive(":irc.test 366 sitrep #ops :End of /NAMES list.")
        #expect(driver.eventKinds == [.synced])
    }

    @Test func noChannelsMeansSyncedAtTheEndOfTheMotd() {
        var driver = SessionDriver.plain(channels: [])
        driver.register()
        #expect(driver.eventKinds.contains(.synced))
    }

    @Test func aMemberListThatNeverCompletesStopsHoldingItBackAfterTheWait() {
        var driver = SessionDriver.plain(channels: ["#ops"])
        driver.register(isupport: Self.whox)
        #expect(driver.scheduledTick == ManualInstant.zero.advanced(by: IRCSession<ManualInstant>.membersWait))
        driver.advance(by: .seconds(4))
        #expect(!driver.eventKinds.contains(.synced))
        driver.advance(by: .seconds(1))
        #expect(driver.eventKinds.contains(.synced))
        driver.advance(by: .seconds(5))
        #expect(!driver.eventKinds.contains(.synced), "once per connection")
    }

    @Test func aReconnectWaitsAgain() {
        var driver = SessionDriver.plain(channels: [])
        driver.register()
        driver.session.connectionClosed()
        _ = driver.session.join("#inc-2")
        driver.register()
        #expect(!driver.eventKinds.contains(.synced))
        driver.receive(":sitrep!bot@host JOIN #inc-2")
        driver.receive(":irc.test 366 sitrep #inc-2 :End of /NAMES list.")
        #expect(driver.eventKinds == [.synced])
    }
}
