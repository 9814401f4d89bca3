import SitrepCore
import Testing
@testable import IRC

@Suite struct IRCSessionSASLTests {
    static func plainDriver(password: String = "hunter2", required: Bool = true) -> SessionDriver {
        SessionDriver.plain(sasl: .plain(account: "sitrep", password: password, required: required))
    }

    @Test func plainSendsCredentialsOnlyAfterTheServerInvitesThem() {
        var driver = Self.plainDriver()
        driver.connect()
        #expect(driver.receive(":irc.test CAP * LS :sasl=PLAIN,EXTERNAL") == ["CAP REQ sasl"])
        #expect(driver.receive(":irc.test CAP * ACK :sasl") == ["AUTHENTICATE PLAIN"])
        #expect(driver.session.phase == .authenticating)
        // base64("\0sitrep\0hunter2")
        #expect(driver.receive("AUTHENTICATE +") == ["AUTHENTICATE AHNpdHJlcABodW50ZXIy"])
        driver.receive(":irc.test 900 sitrep sitrep!bot@host sitrep :You are now logged in as sitrep")
        #expect(driver.receive(":irc.test 903 sitrep :SASL authentication successful") == ["CAP END"])
        #expect(driver.eventKinds == [.authenticated(account: "sitrep")])
        #expect(driver.session.loggedInAccount == "sitrep")
    }

    @Test func externalAnswersTheChallengeWithAPlus() {
        var driver = SessionDriver.plain(sasl: .external(required: true))
        driver.connect()
        driver.receive(":irc.test CAP * LS :sasl")
        #expect(driver.receive(":irc.test CAP * ACK :sasl") == ["AUTHENTICATE EXTERNAL"])
        #expect(driver.receive("AUTHENTICATE +") == ["AUTHENTICATE +"])
        #expect(driver.receive(":irc.test 903 sitrep :SASL authentication successful") == ["CAP END"])
    }

    @Test(arguments: [1, 200, 299, 300, 301, 600, 900])
    func longCredentialsAreChunkedAt400BytesWithATrailingPlus(passwordLength: Int) {
        var driver = Self.plainDriver(password: String(repeating: "p", count: passwordLength))
        driver.connect()
        driver.receive(":irc.test CAP * LS :sasl")
        driver.receive(":irc.test CAP * ACK :sasl")
        let chunks = driver.receive("AUTHENTICATE +").map { String($0.dropFirst("AUTHENTICATE ".count)) }
        let encodedLength = (("sitrep".count + 2 + passwordLength) + 2) / 3 * 4
        #expect(chunks.allSatisfy { $0.utf8.count <= 400 })
        #expect(chunks.dropLast().allSatisfy { $0.utf8.count == 400 })
        #expect(chunks.filter { $0 != "+" }.joined().utf8.count == encodedLength)
        #expect((chunks.last == "+") == (encodedLength % 400 == 0))
    }

    @Test(arguments: ["904", "905", "906", "902"])
    func requiredSaslFailureDisconnectsWithTheServersReason(numeric: String) {
        var driver = Self.plainDriver()
        driver.connect()
        driver.receive(":irc.test CAP * LS :sasl")
        driver.receive(":irc.test CAP * ACK :sasl")
        driver.receive("AUTHENTICATE +")
        driver.receive(":irc.test \(numeric) sitrep :SASL authentication failed")
        #expect(driver.disconnectReason == .saslFailed(detail: "SASL authentication failed"))
        #expect(!driver.sent.contains("CAP END"))
        #expect(driver.logs.contains { $0.contains("check the account and password") })
        #expect(!driver.logs.joined().contains("hunter2"), "the password never reaches a log line")
    }

    @Test func optionalSaslFailureContinuesUnauthenticated() {
        var driver = Self.plainDriver(required: false)
        driver.connect()
        driver.receive(":irc.test CAP * LS :sasl")
        driver.receive(":irc.test CAP * ACK :sasl")
        driver.receive("AUTHENTICATE +")
        #expect(driver.receive(":irc.test 904 sitrep :SASL authentication failed") == ["CAP END"])
        #expect(driver.disconnectReason == nil)
    }

    @Test func requiredMechanismNotOfferedDisconnects() {
        var driver = Self.plainDriver()
        driver.connect()
        driver.receive(":irc.test CAP * LS :sasl=EXTERNAL")
        driver.receive(":irc.test CAP * ACK :sasl")
        #expect(driver.disconnectReason == .saslUnavailable(mechanism: "PLAIN", offered: ["EXTERNAL"]))
    }

    @Test func serverWithoutSaslFailsWhenRequiredAfterWaitingForIt() {
        var driver = Self.plainDriver()
        driver.connect()
        driver.receive(":irc.test CAP * LS :multi-prefix")
        #expect(driver.receive(":irc.test CAP * ACK :multi-prefix").isEmpty, "registration is held, no CAP END")
        #expect(driver.disconnectReason == nil)
        #expect(driver.scheduledTick == ManualInstant.zero.advanced(by: .seconds(10)))
        #expect(driver.advance(by: .seconds(9)).isEmpty && driver.disconnectReason == nil)
        driver.advance(by: .seconds(1))
        #expect(driver.disconnectReason == .saslUnavailable(mechanism: "PLAIN", offered: []))
    }

    /// Right after an ircd restart the services are not linked yet: the server offers SASL a moment later with
    /// CAP NEW, and the bot authenticates on the same connection instead of reconnecting.
    @Test func saslOfferedLaterByCapNewIsUsedOnTheSameConnection() {
        var driver = Self.plainDriver()
        driver.connect()
        driver.receive(":irc.test CAP * LS :multi-prefix cap-notify")
        driver.receive(":irc.test CAP * ACK :multi-prefix cap-notify")
        #expect(driver.disconnectReason == nil)
        driver.advance(by: .seconds(1))
        #expect(driver.receive(":irc.test CAP sitrep NEW :sasl=PLAIN,EXTERNAL") == ["CAP REQ sasl"])
        #expect(driver.receive(":irc.test CAP sitrep ACK :sasl") == ["AUTHENTICATE PLAIN"])
        driver.receive("AUTHENTICATE +")
        driver.receive(":irc.test 900 sitrep sitrep!u@h sitrep :You are now logged in as sitrep")
        #expect(driver.receive(":irc.test 903 sitrep :SASL authentication successful") == ["CAP END"])
        #expect(driver.advance(by: .seconds(20)).allSatisfy { !$0.hasPrefix("QUIT") } && driver.disconnectReason == nil)
    }

    @Test func alreadyAuthenticatedCountsAsSuccess() {
        var driver = Self.plainDriver()
        driver.connect()
        driver.receive(":irc.test CAP * LS :sasl")
        driver.receive(":irc.test CAP * ACK :sasl")
        driver.receive("AUTHENTICATE +")
        #expect(driver.receive(":irc.test 907 sitrep :You have already authenticated") == ["CAP END"])
    }

    @Test func saslDescriptionNeverShowsThePassword() {
        let configuration = IRCSessionConfiguration(nick: "sitrep", sasl: .plain(account: "a", password: "s3cret", required: true))
        #expect(!String(describing: configuration).contains("s3cret"))
        #expect(!String(reflecting: configuration.sasl).contains("s3cret"))
        #expect(configuration.sasl.mechanismName == "PLAIN")
    }
}
