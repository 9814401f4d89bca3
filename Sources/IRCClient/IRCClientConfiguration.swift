import IRC

/// Everything the IRC transport needs: where to connect, how to secure it, how fast to send, how to come back.
public struct IRCClientConfiguration: Sendable {
    /// How the connection is secured.
    public struct TLS: Sendable {
        /// False only when the operator configured plaintext.
        public var enabled: Bool
        /// PEM file with extra trust roots (a private CA); the system roots are trusted too.
        public var caFile: String?
        /// PEM certificate and key presented to the server (SASL EXTERNAL).
        public var clientCertificateFile: String?
        public var clientKeyFile: String?
        /// Skip certificate verification. Only by explicit operator opt-out; warned about at every connect.
        public var insecure: Bool

        public init(
            enabled: Bool = true, caFile: String? = nil, clientCertificateFile: String? = nil,
            clientKeyFile: String? = nil, insecure: Bool = false
        ) {
            self.enabled = enabled
            self.caFile = caFile
            self.clientCertificateFile = clientCertificateFile
            self.clientKeyFile = clientKeyFile
            self.insecure = insecure
        }
    }

    public var host: String
    public var port: Int
    public var tls: TLS
    public var session: IRCSessionConfiguration
    /// Lines allowed at once, then lines per second (defaults are safe for InspIRCd's flood limits).
    public var pacingBurst: Int
    public var pacingLinesPerSecond: Double
    public var reconnectInitialDelay: Duration
    public var reconnectMaximumDelay: Duration
    public var connectTimeout: Duration
    public var quitMessage: String

    public init(
        host: String, port: Int, tls: TLS = TLS(), session: IRCSessionConfiguration, pacingBurst: Int = 5,
        pacingLinesPerSecond: Double = 1, reconnectInitialDelay: Duration = .seconds(1),
        reconnectMaximumDelay: Duration = .seconds(60), connectTimeout: Duration = .seconds(10),
        quitMessage: String = "sitrep shutting down"
    ) {
        self.host = host
        self.port = port
        self.tls = tls
        self.session = session
        self.pacingBurst = pacingBurst
        self.pacingLinesPerSecond = pacingLinesPerSecond
        self.reconnectInitialDelay = reconnectInitialDelay
        self.reconnectMaximumDelay = reconnectMaximumDelay
        self.connectTimeout = connectTimeout
        self.quitMessage = quitMessage
    }
}
