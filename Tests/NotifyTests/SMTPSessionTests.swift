import Testing

@testable import Notify

/// Drives `SMTPSession` with the replies a server would send, and checks each command it answers with.
struct SMTPSessionTests {
    static let sender = try! EmailAddress("sitrep@example.org")
    static let recipient = try! EmailAddress("dave@example.org")
    static let credentials = SMTPCredentials(username: "sitrep", password: "s3cret")

    static func session(
        _ security: SMTPSessionConfiguration.Security, credentials: SMTPCredentials? = nil,
        content: String = "Subject: x\r\n\r\nhi\r\n"
    ) -> SMTPSession {
        SMTPSession(
            configuration: SMTPSessionConfiguration(
                security: security, localName: "bot.example.org", credentials: credentials),
            envelope: SMTPEnvelope(sender: sender, recipients: [recipient], content: content))
    }

    static func reply(_ code: Int, _ lines: String...) -> SMTPReply { SMTPReply(code: code, lines: lines) }

    @Test func startTLSThenAuthPlainDeliversAndQuits() {
        var s = Self.session(.startTLS, credentials: Self.credentials)
        #expect(s.replyReceived(Self.reply(220, "mx ESMTP")) == [.send("EHLO bot.example.org")])
        #expect(s.replyReceived(Self.reply(250, "mx", "STARTTLS", "8BITMIME")) == [.send("STARTTLS")])
        #expect(s.replyReceived(Self.reply(220, "go ahead")) == [.startTLS])
        #expect(s.isEncrypted == false)
        #expect(s.tlsEstablished() == [.send("EHLO bot.example.org")])
        #expect(s.isEncrypted)
        // "\0sitrep\0s3cret" in base64.
        #expect(
            s.replyReceived(Self.reply(250, "mx", "AUTH LOGIN PLAIN")) == [.send("AUTH PLAIN AHNpdHJlcABzM2NyZXQ=")])
        #expect(s.replyReceived(Self.reply(235, "ok")) == [.send("MAIL FROM:<sitrep@example.org>")])
        #expect(s.replyReceived(Self.reply(250, "ok")) == [.send("RCPT TO:<dave@example.org>")])
        #expect(s.replyReceived(Self.reply(250, "ok")) == [.send("DATA")])
        #expect(s.replyReceived(Self.reply(354, "go")) == [.sendMessage("Subject: x\r\n\r\nhi\r\n.\r\n")])
        let accepted = Self.reply(250, "queued as 123")
        #expect(s.replyReceived(accepted) == [.delivered(accepted), .send("QUIT")])
        #expect(s.isDelivered)
        #expect(s.replyReceived(Self.reply(221, "bye")) == [.close])
    }

    @Test func authLoginWhenPlainIsNotOffered() {
        var s = Self.session(.implicitTLS, credentials: Self.credentials)
        _ = s.replyReceived(Self.reply(220, "mx"))
        #expect(s.replyReceived(Self.reply(250, "mx", "AUTH LOGIN")) == [.send("AUTH LOGIN")])
        #expect(s.replyReceived(Self.reply(334, "VXNlcm5hbWU6")) == [.send("c2l0cmVw")])
        #expect(s.replyReceived(Self.reply(334, "UGFzc3dvcmQ6")) == [.send("czNjcmV0")])
        #expect(s.replyReceived(Self.reply(235, "ok")) == [.send("MAIL FROM:<sitrep@example.org>")])
    }

    @Test func wrongPasswordIsAPermanentAuthFailure() {
        var s = Self.session(.implicitTLS, credentials: Self.credentials)
        _ = s.replyReceived(Self.reply(220, "mx"))
        _ = s.replyReceived(Self.reply(250, "mx", "AUTH PLAIN"))
        let refusal = Self.reply(535, "5.7.8 bad credentials")
        let actions = s.replyReceived(refusal)
        #expect(actions == [.send("QUIT"), .fail(.rejected(step: .authenticate, reply: refusal))])
        #expect(SMTPError.rejected(step: .authenticate, reply: refusal).isRetryable == false)
        #expect(
            "\(SMTPError.rejected(step: .authenticate, reply: refusal))".contains("check the username and password"))
    }

    @Test func credentialsAreNeverSentWithoutTLS() {
        var s = Self.session(.plaintext, credentials: Self.credentials)
        _ = s.replyReceived(Self.reply(220, "mx"))
        #expect(
            s.replyReceived(Self.reply(250, "mx", "AUTH PLAIN LOGIN")) == [
                .send("QUIT"), .fail(.authenticationRequiresTLS),
            ])
    }

    @Test func startTLSRequiredButNotOfferedFails() {
        var s = Self.session(.startTLS)
        _ = s.replyReceived(Self.reply(220, "mx"))
        #expect(s.replyReceived(Self.reply(250, "mx", "8BITMIME")) == [.send("QUIT"), .fail(.startTLSNotOffered)])
    }

    @Test func serverWithoutEHLOGetsHELOWhenNoTLSIsNeeded() {
        var s = Self.session(.plaintext)
        _ = s.replyReceived(Self.reply(220, "old mx"))
        #expect(s.replyReceived(Self.reply(502, "command not implemented")) == [.send("HELO bot.example.org")])
        #expect(s.replyReceived(Self.reply(250, "hello")) == [.send("MAIL FROM:<sitrep@example.org>")])
    }

    @Test func serverWithoutEHLOCannotDoStartTLS() {
        var s = Self.session(.startTLS)
        _ = s.replyReceived(Self.reply(220, "old mx"))
        #expect(
            s.replyReceived(Self.reply(502, "command not implemented")) == [.send("QUIT"), .fail(.startTLSNotOffered)])
    }

    @Test func noCommonAuthMechanismNamesWhatWasOffered() {
        var s = Self.session(.implicitTLS, credentials: Self.credentials)
        _ = s.replyReceived(Self.reply(220, "mx"))
        #expect(
            s.replyReceived(Self.reply(250, "mx", "AUTH CRAM-MD5 XOAUTH2"))
                == [.send("QUIT"), .fail(.noSupportedAuthMechanism(offered: ["CRAM-MD5", "XOAUTH2"]))])
    }

    @Test func greetingRefusalFailsWithoutQuit() {
        var s = Self.session(.implicitTLS)
        let busy = Self.reply(421, "too busy")
        #expect(s.replyReceived(busy) == [.fail(.rejected(step: .greeting, reply: busy))])
        #expect(SMTPError.rejected(step: .greeting, reply: busy).isRetryable)
    }

    @Test(arguments: [(450, true), (451, true), (550, false), (553, false)])
    func recipientRefusalIsRetryableOnlyWhenTransient(code: Int, retryable: Bool) {
        var s = Self.session(.implicitTLS)
        _ = s.replyReceived(Self.reply(220, "mx"))
        _ = s.replyReceived(Self.reply(250, "mx"))
        _ = s.replyReceived(Self.reply(250, "ok"))
        let refusal = Self.reply(code, "mailbox unavailable")
        let actions = s.replyReceived(refusal)
        #expect(actions == [.send("QUIT"), .fail(.rejected(step: .recipient, reply: refusal))])
        #expect(SMTPError.rejected(step: .recipient, reply: refusal).isRetryable == retryable)
    }

    @Test func connectionLostBeforeAcceptanceIsARetryableFailure() {
        var s = Self.session(.implicitTLS)
        _ = s.replyReceived(Self.reply(220, "mx"))
        _ = s.replyReceived(Self.reply(250, "mx"))
        _ = s.replyReceived(Self.reply(250, "ok"))
        _ = s.replyReceived(Self.reply(250, "ok"))
        _ = s.replyReceived(Self.reply(354, "go"))
        let actions = s.connectionClosed()
        #expect(actions == [.fail(.connectionClosed(step: .messageBody))])
        #expect(SMTPError.connectionClosed(step: .messageBody).isRetryable)
    }

    @Test func connectionLostAfterAcceptanceIsStillDelivered() {
        var s = Self.session(.implicitTLS)
        for reply in [Self.reply(220, "mx"), Self.reply(250, "mx"), Self.reply(250), Self.reply(250), Self.reply(354)] {
            _ = s.replyReceived(reply)
        }
        _ = s.replyReceived(Self.reply(250, "queued"))
        #expect(s.connectionClosed() == [.close])
        #expect(s.isDelivered)
    }

    @Test func unexpectedCodeIsNamed() {
        var s = Self.session(.implicitTLS)
        _ = s.replyReceived(Self.reply(220, "mx"))
        let odd = Self.reply(354, "what")
        #expect(s.replyReceived(odd) == [.send("QUIT"), .fail(.unexpectedReply(step: .hello, reply: odd))])
    }
}
