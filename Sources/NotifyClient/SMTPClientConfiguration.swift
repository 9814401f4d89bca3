import Notify

/// Where and how `SMTPClient` delivers: the server, how the connection is encrypted and verified, the login, and
/// how long it waits.
public struct SMTPClientConfiguration: Sendable {
    /// Which certificates a server may present.
    public enum TrustRoots: Sendable, Equatable {
        /// The system's CA bundle.
        case system
        /// The system's bundle plus the CA certificates in this PEM file (a private CA).
        case systemAndFile(String)
    }

    public var host: String
    public var port: Int
    public var security: SMTPSessionConfiguration.Security
    /// The name sitrep gives in EHLO.
    public var localName: String
    public var credentials: SMTPCredentials?
    public var trustRoots: TrustRoots
    /// How long opening the TCP connection may take.
    public var connectTimeout: Duration
    /// How long one whole delivery (greeting to the server's acceptance) may take.
    public var deliveryTimeout: Duration

    public init(
        host: String, port: Int, security: SMTPSessionConfiguration.Security, localName: String = "localhost",
        credentials: SMTPCredentials? = nil, trustRoots: TrustRoots = .system, connectTimeout: Duration = .seconds(10),
        deliveryTimeout: Duration = .seconds(60)
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.localName = localName
        self.credentials = credentials
        self.trustRoots = trustRoots
        self.connectTimeout = connectTimeout
        self.deliveryTimeout = deliveryTimeout
    }
}
