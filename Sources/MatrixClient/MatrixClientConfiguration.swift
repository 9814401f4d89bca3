import Matrix

/// How the Matrix edge reaches and authenticates to a homeserver.
public struct MatrixClientConfiguration: Sendable {
    /// How the bot proves who it is. The description never shows the password or the token.
    public enum Credentials: Sendable, CustomStringConvertible {
        /// Log in with a password on a fixed device, so restarts reuse one device (and its transaction ids).
        case password(user: String, password: String, deviceID: String)
        /// Use a token made elsewhere (e.g. with Element); it cannot be renewed by the bot.
        case accessToken(String)

        public var description: String {
            switch self {
            case .password(let user, _, let deviceID): "password login as \(user) on device \(deviceID)"
            case .accessToken: "access token"
            }
        }
    }

    /// `https://host[:port]` (or `http://` on loopback for tests), without a trailing path.
    public var homeserverURL: String
    public var credentials: Credentials
    /// A PEM file of extra CAs to trust besides the system ones (a private CA).
    public var caFile: String?
    /// Skip certificate verification. For throw-away test servers only.
    public var insecure: Bool
    /// How long the server may hold a `/sync` open when there is nothing new.
    public var longPoll: Duration
    /// The time a request may take beyond its long poll before it counts as failed.
    public var requestTimeout: Duration
    /// Failed attempts (server or network errors) after which a request gives up; 429s do not count.
    public var maximumAttempts: Int

    public init(
        homeserverURL: String, credentials: Credentials, caFile: String? = nil, insecure: Bool = false,
        longPoll: Duration = .seconds(30), requestTimeout: Duration = .seconds(30), maximumAttempts: Int = 8
    ) {
        self.homeserverURL = homeserverURL
        self.credentials = credentials
        self.caFile = caFile
        self.insecure = insecure
        self.longPoll = longPoll
        self.requestTimeout = requestTimeout
        self.maximumAttempts = maximumAttempts
    }
}
