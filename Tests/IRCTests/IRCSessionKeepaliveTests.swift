import SitrepCore
import Testing
@testable import IRC

@Suite struct IRCSessionKeepaliveTests {
    static func driver() -> SessionDriver {
        SessionDriver(IRCSessionConfiguration(
            nick: "sitrep", keepaliveInterval: .seconds(60), keepaliveTimeout: .seconds(30),
            registrationTimeout: .seconds(20)))
    }

    @Test func silenceTriggersOurOwnPingAndAnAnswerKeepsTheConnection() {
        var driver = Self.driver()
        driver.register()
        #expect(driver.advance(by: .seconds(59)) == [])
        #expect(driver.scheduledTick == ManualInstant.zero.advanced(by: .seconds(60)))
        #expect(driver.advance(by: .seconds(1)) == ["PING sitrep-keepalive-1"])
        #expect(driver.priorities == [.immediate])
        driver.advance(by: .seconds(5))
        driver.receive(":irc.test PONG irc.test :sitrep-keepalive-1")
        #expect(driver.advance(by: .seconds(40)) == [])
        #expect(driver.disconnectReason == nil)
    }

    @Test func unansweredPingDisconnectsAfterTheTimeout() {
        var driver = Self.driver()
        driver.register()
        driver.advance(by: .seconds(60))
        #expect(driver.advance(by: .seconds(29)) == [])
        driver.advance(by: .seconds(1))
        #expect(driver.disconnectReason == .pingTimeout(.seconds(30)))
    }

    @Test func anyTrafficPostponesThePing() {
        var driver = Self.driver()
        driver.register()
        driver.advance(by: .seconds(50))
        driver.receive(":alice!a@h PRIVMSG #ops :still here")
        #expect(driver.advance(by: .seconds(50)) == [])
        #expect(driver.scheduledTick == ManualInstant.zero.advanced(by: .seconds(110)))
    }

    @Test func unrelatedPongDoesNotAnswerOurPing() {
        var driver = Self.driver()
        driver.register()
        driver.advance(by: .seconds(60))
        driver.receive(":irc.test PONG irc.test :something-else")
        driver.advance(by: .seconds(30))
        #expect(driver.disconnectReason == .pingTimeout(.seconds(30)))
    }

    @Test func registrationThatNeverFinishesTimesOut() {
        var driver = Self.driver()
        driver.connect()
        #expect(driver.scheduledTick == ManualInstant.zero.advanced(by: .seconds(20)))
        driver.advance(by: .seconds(20))
        #expect(driver.disconnectReason == .registrationTimeout(.seconds(20)))
    }

    @Test func serverPingIsAnsweredWithItsToken() {
        var driver = Self.driver()
        driver.connect()
        #expect(driver.receive("PING :LAG1234") == ["PONG LAG1234"])
    }

    @Test func noTicksAfterDisconnect() {
        var driver = Self.driver()
        driver.register()
        driver.session.connectionClosed()
        #expect(driver.advance(by: .seconds(500)).isEmpty && driver.lastActions.isEmpty)
    }
}
