import Notify
import NotifyClient

extension SitrepConfig {
    /// The mail server page emails go through (`smtp:`), and the sender they come from.
    public struct SMTP: Sendable, Equatable {
        public var host: String
        public var port: Int
        public var security: SMTPSessionConfiguration.Security
        /// The `From:` of page emails (and the envelope sender).
        public var from: EmailAddress
        public var username: String?
        /// The SMTP password, from `password_env` or `password_file`; only ever sent over TLS.
        public var password: Secret?
        /// A private CA (PEM) trusted besides the system's; absolute.
        public var caFile: String?
        /// The name given in EHLO.
        public var localName: String
        /// How long one delivery may take.
        public var timeout: Duration

        public init(
            host: String, port: Int, security: SMTPSessionConfiguration.Security = .startTLS, from: EmailAddress,
            username: String? = nil, password: Secret? = nil, caFile: String? = nil, localName: String = "localhost",
            timeout: Duration = .seconds(60)
        ) {
            self.host = host
            self.port = port
            self.security = security
            self.from = from
            self.username = username
            self.password = password
            self.caFile = caFile
            self.localName = localName
            self.timeout = timeout
        }

        /// The client configuration for `SMTPClient`.
        public var clientConfiguration: SMTPClientConfiguration {
            SMTPClientConfiguration(
                host: host, port: port, security: security, localName: localName,
                credentials: username.map { SMTPCredentials(username: $0, password: password?.reveal() ?? "") },
                trustRoots: caFile.map { .systemAndFile($0) } ?? .system, deliveryTimeout: timeout)
        }
    }
}

extension SMTPSessionConfiguration.Security {
    /// The port a server usually takes this on: 587 (submission with STARTTLS), 465 (implicit TLS), 25.
    var defaultPort: Int {
        switch self {
        case .startTLS: 587
        case .implicitTLS: 465
        case .plaintext: 25
        }
    }
}
