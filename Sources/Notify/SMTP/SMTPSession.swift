import Foundation

/// The client side of one SMTP delivery (RFC 5321) as a pure state machine: greeting, EHLO (HELO if the server does
/// not know EHLO), STARTTLS (RFC 3207), AUTH PLAIN or LOGIN (RFC 4954, over TLS only), MAIL FROM, RCPT TO, DATA with
/// dot-stuffing, QUIT.
///
/// The transport feeds it facts (`replyReceived`, `tlsEstablished`, `connectionClosed`) and runs the `Action`s it
/// returns. It does no I/O and keeps no clock; the transport owns timeouts. One session delivers one envelope.
public struct SMTPSession: Sendable {
    /// What the transport must do next.
    public enum Action: Sendable, Equatable {
        /// Write this command followed by CRLF.
        case send(String)
        /// Write these bytes as they are: the dot-stuffed message and its terminating `CRLF.CRLF`.
        case sendMessage(String)
        /// Start a TLS handshake on the open connection, then call `tlsEstablished()`.
        case startTLS
        /// The server took the message (the reply to the end of DATA); the delivery succeeded.
        case delivered(SMTPReply)
        /// Close the connection; the conversation is over.
        case close
        /// The delivery failed; close the connection (after writing any `send` before this action).
        case fail(SMTPError)
    }

    enum State: Sendable, Equatable {
        case greeting
        case hello(extended: Bool)
        case startTLS
        case tlsHandshake
        case authenticate(AuthStep)
        case mailFrom
        case recipient(Int)
        case data
        case messageBody
        case quit
        case finished
    }

    enum AuthStep: Sendable, Equatable {
        case plain, loginUsername, loginPassword, loginDone
    }

    public let configuration: SMTPSessionConfiguration
    public let envelope: SMTPEnvelope
    /// What the server said it supports in its last EHLO reply.
    public private(set) var extensions = SMTPExtensions()
    /// Whether the connection is encrypted now.
    public private(set) var isEncrypted: Bool
    /// Whether the server accepted the message.
    public private(set) var isDelivered = false
    var state: State = .greeting

    public init(configuration: SMTPSessionConfiguration, envelope: SMTPEnvelope) {
        self.configuration = configuration
        self.envelope = envelope
        self.isEncrypted = configuration.security == .implicitTLS
    }

    // MARK: - Facts from the transport

    /// A complete reply arrived (see `SMTPReplyParser`).
    public mutating func replyReceived(_ reply: SMTPReply) -> [Action] {
        switch state {
        case .greeting: return greeted(reply)
        case .hello(let extended): return helloAnswered(reply, extended: extended)
        case .startTLS: return startTLSAnswered(reply)
        case .tlsHandshake: return abort(.unexpectedReply(step: .startTLS, reply: reply))
        case .authenticate(let step): return authenticationAnswered(reply, step: step)
        case .mailFrom: return mailFromAnswered(reply)
        case .recipient(let index): return recipientAnswered(reply, index: index)
        case .data: return dataAnswered(reply)
        case .messageBody: return messageAnswered(reply)
        case .quit:
            state = .finished
            return [.close]
        case .finished: return []
        }
    }

    /// The TLS handshake after `.startTLS` succeeded: say EHLO again (RFC 3207 §4.2: forget what was learnt).
    public mutating func tlsEstablished() -> [Action] {
        guard state == .tlsHandshake else { return [] }
        isEncrypted = true
        extensions = SMTPExtensions()
        state = .hello(extended: true)
        return [.send("EHLO \(configuration.localName)")]
    }

    /// The connection went away. Before the message was accepted that is a (retryable) failure.
    public mutating func connectionClosed() -> [Action] {
        let previous = state
        state = .finished
        switch previous {
        case .finished: return []
        case .quit: return [.close]
        default:
            return isDelivered ? [.close] : [.fail(.connectionClosed(step: previous.step))]
        }
    }

    // MARK: - Steps

    private mutating func greeted(_ reply: SMTPReply) -> [Action] {
        guard reply.code == 220 else { return refuse(reply, at: .greeting) }
        state = .hello(extended: true)
        return [.send("EHLO \(configuration.localName)")]
    }

    private mutating func helloAnswered(_ reply: SMTPReply, extended: Bool) -> [Action] {
        if extended, reply.isPermanentFailure, !needsStartTLS {
            // An old server without EHLO: plain HELO, which has no extensions (so no STARTTLS and no AUTH).
            state = .hello(extended: false)
            return [.send("HELO \(configuration.localName)")]
        }
        guard reply.code == 250 else {
            if extended, reply.isPermanentFailure, needsStartTLS { return abort(.startTLSNotOffered) }
            return refuse(reply, at: .hello)
        }
        extensions = extended ? SMTPExtensions(ehloReply: reply) : SMTPExtensions()
        if needsStartTLS {
            guard extensions.startTLS else { return abort(.startTLSNotOffered) }
            state = .startTLS
            return [.send("STARTTLS")]
        }
        return authenticateOrMail()
    }

    private mutating func startTLSAnswered(_ reply: SMTPReply) -> [Action] {
        guard reply.code == 220 else { return refuse(reply, at: .startTLS) }
        state = .tlsHandshake
        return [.startTLS]
    }

    private var needsStartTLS: Bool { configuration.security == .startTLS && !isEncrypted }

    private mutating func authenticateOrMail() -> [Action] {
        guard let credentials = configuration.credentials else { return mailFrom() }
        guard isEncrypted else { return abort(.authenticationRequiresTLS) }
        if extensions.authMechanisms.contains("PLAIN") {
            state = .authenticate(.plain)
            let payload = Data(("\0" + credentials.username + "\0" + credentials.password).utf8)
            return [.send("AUTH PLAIN " + payload.base64EncodedString())]
        }
        if extensions.authMechanisms.contains("LOGIN") {
            state = .authenticate(.loginUsername)
            return [.send("AUTH LOGIN")]
        }
        return abort(.noSupportedAuthMechanism(offered: extensions.authMechanisms))
    }

    private mutating func authenticationAnswered(_ reply: SMTPReply, step: AuthStep) -> [Action] {
        guard let credentials = configuration.credentials else {
            return abort(.unexpectedReply(step: .authenticate, reply: reply))
        }
        switch (step, reply.code) {
        case (.plain, 235), (.loginDone, 235):
            return mailFrom()
        case (.loginUsername, 334):
            state = .authenticate(.loginPassword)
            return [.send(Data(credentials.username.utf8).base64EncodedString())]
        case (.loginPassword, 334):
            state = .authenticate(.loginDone)
            return [.send(Data(credentials.password.utf8).base64EncodedString())]
        default:
            return refuse(reply, at: .authenticate)
        }
    }

    private mutating func mailFrom() -> [Action] {
        state = .mailFrom
        return [.send("MAIL FROM:<\(envelope.sender.address)>")]
    }

    private mutating func mailFromAnswered(_ reply: SMTPReply) -> [Action] {
        guard reply.code == 250 else { return refuse(reply, at: .mailFrom) }
        guard let first = envelope.recipients.first else {
            return quitAfterFailure(.rejected(step: .recipient, reply: SMTPReply(code: 554, lines: ["no recipients"])))
        }
        state = .recipient(0)
        return [.send("RCPT TO:<\(first.address)>")]
    }

    private mutating func recipientAnswered(_ reply: SMTPReply, index: Int) -> [Action] {
        // Every recipient must be accepted: a page that reaches only some of its people is not delivered.
        guard reply.code == 250 || reply.code == 251 else { return refuse(reply, at: .recipient) }
        let next = index + 1
        if next < envelope.recipients.count {
            state = .recipient(next)
            return [.send("RCPT TO:<\(envelope.recipients[next].address)>")]
        }
        state = .data
        return [.send("DATA")]
    }

    private mutating func dataAnswered(_ reply: SMTPReply) -> [Action] {
        guard reply.code == 354 else { return refuse(reply, at: .data) }
        state = .messageBody
        return [.sendMessage(DotStuffing.terminatedMessage(envelope.content))]
    }

    private mutating func messageAnswered(_ reply: SMTPReply) -> [Action] {
        guard reply.code == 250 else { return refuse(reply, at: .messageBody) }
        isDelivered = true
        state = .quit
        return [.delivered(reply), .send("QUIT")]
    }

    // MARK: - Failures

    /// A reply that is not the expected one: 4xx/5xx are rejections, anything else is unexpected.
    private mutating func refuse(_ reply: SMTPReply, at step: SMTPStep) -> [Action] {
        let error: SMTPError =
            reply.isTransientFailure || reply.isPermanentFailure
            ? .rejected(step: step, reply: reply) : .unexpectedReply(step: step, reply: reply)
        return step == .greeting ? abort(error) : quitAfterFailure(error)
    }

    /// Say QUIT politely (the server is still talking to us), then fail.
    private mutating func quitAfterFailure(_ error: SMTPError) -> [Action] {
        state = .finished
        return [.send("QUIT"), .fail(error)]
    }

    private mutating func abort(_ error: SMTPError) -> [Action] {
        if state == .greeting || state == .tlsHandshake {
            state = .finished
            return [.fail(error)]
        }
        return quitAfterFailure(error)
    }
}

extension SMTPSession.State {
    var step: SMTPStep {
        switch self {
        case .greeting: .greeting
        case .hello: .hello
        case .startTLS, .tlsHandshake: .startTLS
        case .authenticate: .authenticate
        case .mailFrom: .mailFrom
        case .recipient: .recipient
        case .data: .data
        case .messageBody: .messageBody
        case .quit, .finished: .quit
        }
    }
}
