/// Reads and checks `store.postgres:`, into ``SitrepConfig/Postgres``: hosts as `host:port`, database, user, the
/// password secret and TLS. Every bad value is reported as `store.postgres.key: reason`.
enum PostgresConfigReader {
    enum Key: String, CodingKey, CaseIterable {
        case hosts, database, user
        case passwordEnv = "password_env"
        case passwordFile = "password_file"
        case tls
    }

    /// `store.postgres.tls:`.
    enum TLSKey: String, CodingKey, CaseIterable {
        case enabled
        case caFile = "ca_file"
        case insecure
    }

    static func read(_ postgres: ConfigReader<Key>) -> SitrepConfig.Postgres {
        let context = postgres.context
        let writtenHosts = postgres.stringList(.hosts)
        let writtenDatabase = postgres.string(.database)
        let writtenUser = postgres.string(.user)
        let passwordEnv = postgres.string(.passwordEnv)
        let passwordFile = postgres.string(.passwordFile)
        let tls = postgres.mapping(TLSKey.self, .tls)

        let section = "store.postgres"
        let hosts = self.hosts(writtenHosts, context)
        let database = context.checked(context.required(writtenDatabase, "\(section).database"), "\(section).database") {
            PostgresNameRules.identifierProblem($0, what: "database name")
        }
        let user = context.checked(context.required(writtenUser, "\(section).user"), "\(section).user") {
            PostgresNameRules.identifierProblem($0, what: "role name")
        }
        return SitrepConfig.Postgres(
            hosts: hosts, database: database ?? "", user: user ?? "",
            password: context.optionalSecret(
                in: section, env: ("password_env", passwordEnv), file: ("password_file", passwordFile)),
            tls: self.tls(tls, context))
    }

    private static func hosts(_ written: [String?]?, _ context: ConfigContext) -> [SitrepConfig.Postgres.Host] {
        let keyPath = "store.postgres.hosts"
        guard let written = context.required(written, keyPath) else { return [] }
        if written.isEmpty { context.report(keyPath, "must name at least one host:port") }
        var hosts: [SitrepConfig.Postgres.Host] = []
        for (index, item) in written.enumerated() {
            guard let item else {
                context.report("\(keyPath)[\(index)]", "must be host:port, e.g. db1.example.org:5432")
                continue
            }
            switch PostgresNameRules.host(item) {
            case .success(let host): hosts.append(host)
            case .failure(let problem): context.report("\(keyPath)[\(index)]", problem.reason)
            }
        }
        return hosts
    }

    private static func tls(_ tls: ConfigReader<TLSKey>?, _ context: ConfigContext) -> SitrepConfig.Postgres.TLS {
        let section = "store.postgres.tls"
        let enabled = tls?.bool(.enabled) ?? true
        let caFile = tls?.string(.caFile)
        let insecure = tls?.bool(.insecure) ?? false
        guard enabled else {
            if caFile != nil { context.report("\(section).ca_file", "is set but \(section).enabled is false") }
            if insecure { context.report("\(section).insecure", "is true but \(section).enabled is false") }
            return SitrepConfig.Postgres.TLS(enabled: false)
        }
        return SitrepConfig.Postgres.TLS(
            enabled: true, caFile: context.pemFile(caFile, "\(section).ca_file", .certificate), insecure: insecure)
    }
}
