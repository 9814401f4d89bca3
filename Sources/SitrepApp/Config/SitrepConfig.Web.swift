import Notify
import SitrepWeb

extension SitrepConfig {
    /// The web server (`web:`): the stakeholder status page, the JSON API, the token-protected internal views and
    /// the health endpoints. Off when the section is absent.
    public struct Web: Sendable, Equatable {
        /// The address to bind: an IPv4 address, a host name, or an IPv6 address without brackets (`::1`).
        public var host: String
        public var port: Int
        /// The site's name, in every page's title and header.
        public var title: String
        /// How often the pages reload themselves; 0 means never.
        public var refreshSeconds: Int
        /// The token of the internal views; nil turns them off.
        public var internalToken: Secret?
        /// Where people reach the status page (behind the reverse proxy), without a trailing slash; for links in
        /// chat.
        public var publicURL: String?
        /// `idle_timeout`, `read_timeout`, `max_connections`: how long slow or idle clients are kept and how many
        /// connections at most.
        public var limits: WebServerLimits
        /// What the public status page shows (`web.publish`): `.onUpdate` unless configured.
        public var publish: StatusPublishing = .onUpdate
        /// The key that signs the acknowledge links of out-of-chat pages (`ack_secret_env` or `ack_secret_file`,
        /// at least 32 bytes); nil: pages carry no acknowledge link. Requires `publicURL`.
        public var ackSecret: Secret?
        /// The token of the on-call calendar feeds that are not public; nil: only public feeds are served.
        public var onCallToken: Secret? = nil

        public init(
            host: String = ConfigDefaults.webHost, port: Int = ConfigDefaults.webPort,
            title: String = ConfigDefaults.webTitle, refreshSeconds: Int = ConfigDefaults.webRefreshSeconds,
            internalToken: Secret? = nil, publicURL: String? = nil, limits: WebServerLimits = WebServerLimits(),
            ackSecret: Secret? = nil
        ) {
            self.ackSecret = ackSecret
            self.limits = limits
            self.host = host
            self.port = port
            self.title = title
            self.refreshSeconds = refreshSeconds
            self.internalToken = internalToken
            self.publicURL = publicURL
        }

        /// The signer of acknowledge links, when `ackSecret` is set (validated when the config was loaded).
        public var ackLinkSigner: AckLinkSigner? {
            ackSecret.flatMap { try? AckLinkSigner(secret: Array($0.reveal().utf8)) }
        }

        /// Whether the server listens only on this machine (a loopback address).
        public var isLoopbackOnly: Bool {
            host == "localhost" || host == "::1" || host.hasPrefix("127.")
        }
    }
}

extension ConfigDefaults {
    public static let webHost = "127.0.0.1"
    public static let webPort = 8080
    public static let webTitle = "Service status"
    public static let webRefreshSeconds = 30
}
