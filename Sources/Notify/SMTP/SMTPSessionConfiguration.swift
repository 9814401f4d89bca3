/// How an `SMTPSession` secures and identifies itself.
public struct SMTPSessionConfiguration: Sendable, Equatable {
    /// How the connection is encrypted.
    public enum Security: String, Sendable, Equatable, CaseIterable {
        /// Plain TCP first, then STARTTLS (RFC 3207) before anything else; refused if the server does not offer it.
        case startTLS = "starttls"
        /// TLS from the first byte (RFC 8314 "submissions", usually port 465).
        case implicitTLS = "implicit"
        /// No encryption at all: only for a relay on the same host. Credentials are never sent over it.
        case plaintext = "none"
    }

    public var security: Security
    /// The name sitrep gives in EHLO/HELO: this host's fully qualified name (RFC 5321 §4.1.1.1).
    public var localName: String
    /// The login, if the server wants one (AUTH PLAIN or LOGIN, over TLS only).
    public var credentials: SMTPCredentials?

    public init(security: Security, localName: String, credentials: SMTPCredentials? = nil) {
        self.security = security
        self.localName = localName
        self.credentials = credentials
    }
}

/// A username and password for SMTP AUTH. The description never shows the password.
public struct SMTPCredentials: Sendable, Equatable, CustomStringConvertible {
    public var username: String
    public var password: String

    public init(username: String, password: String) {
        self.username = username
        self.password = password
    }

    public var description: String { "SMTPCredentials(username: \(username), password: <redacted>)" }
}

/// What one SMTP conversation delivers: the envelope sender and recipients, and the rendered message
/// (`EmailMessage.rendered(date:)`, CRLF line endings, without the final dot).
public struct SMTPEnvelope: Sendable, Equatable {
    public var sender: EmailAddress
    public var recipients: [EmailAddress]
    public var content: String

    public init(sender: EmailAddress, recipients: [EmailAddress], content: String) {
        self.sender = sender
        self.recipients = recipients
        self.content = content
    }
}
