/// Why an SMTP delivery failed, with what an operator can do about it.
///
/// `isRetryable` tells the pager whether to try the same method again later (a 4xx reply, a dropped connection) or
/// to give up on it and move on (a 5xx reply, a server that cannot do what the configuration demands).
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The server answered a step with a 4xx (transient) or 5xx (permanent) reply.
    case rejected(step: SMTPStep, reply: SMTPReply)
    /// The server answered with a code that makes no sense at this step (e.g. 354 to EHLO).
    case unexpectedReply(step: SMTPStep, reply: SMTPReply)
    /// A reply line that is not SMTP.
    case malformedReply(String)
    /// STARTTLS is required by the configuration and the server does not offer it.
    case startTLSNotOffered
    /// Credentials are configured but the connection is not encrypted: they are never sent in the clear.
    case authenticationRequiresTLS
    /// Credentials are configured and the server offers none of the mechanisms sitrep speaks (PLAIN, LOGIN).
    case noSupportedAuthMechanism(offered: [String])
    /// The server closed the connection before the message was accepted.
    case connectionClosed(step: SMTPStep)

    /// True when trying again later may succeed: a 4xx reply or a connection that went away.
    public var isRetryable: Bool {
        switch self {
        case .rejected(_, let reply): reply.isTransientFailure
        case .connectionClosed: true
        case .unexpectedReply, .malformedReply, .startTLSNotOffered, .authenticationRequiresTLS,
            .noSupportedAuthMechanism:
            false
        }
    }

    public var description: String {
        switch self {
        case .rejected(.authenticate, let reply):
            "the SMTP server refused the login (\(reply)); check the username and password"
        case .rejected(let step, let reply) where reply.isTransientFailure:
            "the SMTP server deferred \(step) (\(reply)); will retry"
        case .rejected(let step, let reply):
            "the SMTP server refused \(step) (\(reply))"
        case .unexpectedReply(let step, let reply):
            "the SMTP server answered \(step) with an unexpected reply (\(reply))"
        case .malformedReply(let line):
            "the server sent a line that is not an SMTP reply: \(line); is the port an SMTP port?"
        case .startTLSNotOffered:
            "the SMTP server does not offer STARTTLS; use its implicit TLS port (tls: implicit, usually 465)"
        case .authenticationRequiresTLS:
            "refusing to send SMTP credentials over an unencrypted connection; use tls: starttls or implicit"
        case .noSupportedAuthMechanism(let offered):
            "the SMTP server offers AUTH \(offered.isEmpty ? "nothing" : offered.joined(separator: " ")); sitrep speaks PLAIN and LOGIN"
        case .connectionClosed(let step):
            "the SMTP server closed the connection during \(step)"
        }
    }
}

/// The stage of an SMTP conversation, for errors and logs.
public enum SMTPStep: String, Sendable, Equatable, CustomStringConvertible {
    case greeting = "the greeting"
    case hello = "EHLO/HELO"
    case startTLS = "STARTTLS"
    case authenticate = "AUTH"
    case mailFrom = "MAIL FROM"
    case recipient = "RCPT TO"
    case data = "DATA"
    case messageBody = "the message"
    case quit = "QUIT"

    public var description: String { rawValue }
}
