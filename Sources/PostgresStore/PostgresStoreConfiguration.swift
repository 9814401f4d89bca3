/// Where and how `PostgresIncidentStore` connects: the candidate servers, the database, the credentials and TLS.
///
/// Several hosts name the members of one replicated cluster; the store uses the first, in order, that accepts
/// writes (`pg_is_in_recovery()` is false), and when that one goes away it selects again until one accepts writes
/// (a promoted standby); see `PostgresConnector`. The password is a plain string here: the composition root resolves it
/// from the environment or a file and never logs it.
public struct PostgresStoreConfiguration: Sendable, Equatable {
    /// One server to try.
    public struct Host: Sendable, Equatable, CustomStringConvertible {
        public var host: String
        public var port: Int

        public init(host: String, port: Int = 5432) {
            self.host = host
            self.port = port
        }

        public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    /// How the connection is protected.
    public enum TLS: Sendable, Equatable {
        /// Plaintext (loopback or a trusted network only).
        case disabled
        /// TLS, the server's certificate verified against the system roots plus `caFile` (PEM) when given.
        case verified(caFile: String?)
        /// TLS without verifying the server's certificate (logged as a warning at connect).
        case insecure
    }

    public var hosts: [Host]
    public var database: String
    public var user: String
    public var password: String?
    public var tls: TLS
    /// Connections in the pool (writes that wait for an incident's lock hold one each).
    public var maximumConnections: Int
    /// How long one connection attempt to one host may take.
    public var connectTimeout: Duration
    /// How long an operation waits for a writable host after the current one went away (until a standby is
    /// promoted, say) before it fails with `noWritableHost`.
    public var failoverTimeout: Duration

    public init(
        hosts: [Host], database: String, user: String, password: String?, tls: TLS = .verified(caFile: nil),
        maximumConnections: Int = 8, connectTimeout: Duration = .seconds(10), failoverTimeout: Duration = .seconds(30)
    ) {
        self.hosts = hosts
        self.database = database
        self.user = user
        self.password = password
        self.tls = tls
        self.maximumConnections = maximumConnections
        self.connectTimeout = connectTimeout
        self.failoverTimeout = failoverTimeout
    }

    /// The hosts for messages: `db1:5432, db2:5432`.
    var hostList: String { hosts.map(\.description).joined(separator: ", ") }
}
