extension SitrepConfig {
    /// `store.postgres`: a PostgreSQL server (or the members of a replicated cluster) instead of the SQLite file.
    public struct Postgres: Sendable, Equatable {
        /// One `host:port` of `hosts`.
        public struct Host: Sendable, Equatable {
            public var host: String
            public var port: Int

            public init(host: String, port: Int = ConfigDefaults.postgresPort) {
                self.host = host
                self.port = port
            }
        }

        /// How the connection is protected; verification against the system roots plus `caFile` unless `insecure`.
        public struct TLS: Sendable, Equatable {
            public var enabled: Bool
            /// Absolute path of a PEM file with extra trust roots (the server's private CA).
            public var caFile: String?
            /// Skip certificate verification. Only when set explicitly; the store warns at connect.
            public var insecure: Bool

            public init(enabled: Bool = true, caFile: String? = nil, insecure: Bool = false) {
                self.enabled = enabled
                self.caFile = caFile
                self.insecure = insecure
            }
        }

        /// Tried in order; the first that accepts writes is used.
        public var hosts: [Host]
        public var database: String
        public var user: String
        /// From `password_env` or `password_file`; nil when the server needs none (trust or certificate auth).
        public var password: Secret?
        public var tls: TLS

        public init(hosts: [Host], database: String, user: String, password: Secret? = nil, tls: TLS = TLS()) {
            self.hosts = hosts
            self.database = database
            self.user = user
            self.password = password
            self.tls = tls
        }
    }
}

extension ConfigDefaults {
    /// PostgreSQL's port when a `store.postgres.hosts` entry names none.
    public static let postgresPort = 5432
}
