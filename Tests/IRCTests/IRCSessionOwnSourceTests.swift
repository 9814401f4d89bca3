import SitrepCore
import Testing

@testable import IRC

/// Text is split for the prefix the server will really put in front of it: after a reconnect the old host is
/// forgotten, and until the bot sees its own full `nick!user@host` again every part is assumed at its longest.
@Suite struct IRCSessionOwnSourceTests {
    static let longText = String(repeating: "a", count: 2_000)

    /// The longest line, CRLF included, the server relays when it shows the bot as `source` (counted by hand: the
    /// serializer would cut an overlong line and hide the fault).
    static func longestRelayed(_ session: IRCSession<ManualInstant>, as source: IRCSource, to target: String = "#ops")
        throws -> Int
    {
        let pieces = session.textSplitter(command: "PRIVMSG", target: target).split(longText)
        return pieces.map { ":\(source.wireForm) PRIVMSG \(target) :\($0)\r\n".utf8.count }.max() ?? 0
    }

    @Test func afterA396TheUserPartIsAssumedToCarryTheServersTilde() throws {
        var driver = SessionDriver.plain()
        driver.register()
        driver.receive(":irc.test 396 sitrep cloak.example.org :is now your displayed host")
        #expect(driver.session.displayedHost == "cloak.example.org")
        let shown = IRCSource(nick: "sitrep", user: "~sitrep", host: "cloak.example.org")
        #expect(try Self.longestRelayed(driver.session, as: shown) <= 512)
    }

    @Test func aReconnectForgetsTheOldHostUntilTheOwnJoinShowsTheNewOne() throws {
        var driver = SessionDriver.plain()
        driver.register()
        driver.receive(":sitrep!~sitrep@h JOIN #ops")
        let exact = driver.session.textSplitter(target: "#ops").budget
        #expect(exact == 512 - ":sitrep!~sitrep@h PRIVMSG #ops :".utf8.count - 2)
        driver.session.connectionClosed()
        #expect(driver.session.ownSource == nil && driver.session.displayedHost == nil)
        // Queued during the outage, sent on a connection where the server shows a long host and an alternate nick.
        let longHost = String(repeating: "h", count: 64)
        for shown in [
            IRCSource(nick: "sitrep_", user: "~sitrep", host: longHost),
            IRCSource(nick: "sitrep", user: "~abcdefghi", host: longHost),
        ] {
            #expect(try Self.longestRelayed(driver.session, as: shown) <= 512, "shown as \(shown.wireForm)")
        }
        driver.register()
        driver.receive(":sitrep!~sitrep@\(longHost) JOIN #ops")
        #expect(driver.session.ownSource == IRCSource(nick: "sitrep", user: "~sitrep", host: longHost))
        let exactAgain = try Self.longestRelayed(driver.session, as: driver.session.ownSource!)
        #expect(exactAgain == 512, "exact again: full lines")
    }

    @Test func whoxAboutOurselvesTeachesTheExactPrefix() {
        var driver = SessionDriver.plain()
        driver.register(isupport: "CASEMAPPING=rfc1459 CHANTYPES=# PREFIX=(ov)@+ WHOX")
        driver.receive(":irc.test 354 sitrep 152 #ops ~sitrep vhost.example sitrep H sitrep")
        #expect(driver.session.ownSource == IRCSource(nick: "sitrep", user: "~sitrep", host: "vhost.example"))
    }
}
