/// `irc.tls` and `irc.sasl`: TLS files, the SASL mechanism and the SASL secret. Files are resolved against the config
/// file's directory and read once here, so a missing or mistyped path is reported before the bot ever connects.
extension IRCConfigReader {
    enum TLSKey: String, CodingKey, CaseIterable {
        case enabled
        case caFile = "ca_file"
        case clientCertificate = "client_certificate"
        case clientKey = "client_key"
        case insecure
    }

    enum SASLKey: String, CodingKey, CaseIterable {
        case mechanism, account
        case passwordEnv = "password_env"
        case passwordFile = "password_file"
        case required
    }

    static func tls(_ tls: ConfigReader<TLSKey>?, _ context: ConfigContext) -> SitrepConfig.TLS {
        let enabled = tls?.bool(.enabled) ?? true
        let caFile = tls?.string(.caFile)
        let certificate = tls?.string(.clientCertificate)
        let key = tls?.string(.clientKey)
        let insecure = tls?.bool(.insecure) ?? false
        guard enabled else {
            let files = [("ca_file", caFile), ("client_certificate", certificate), ("client_key", key)]
            for (key, value) in files where value != nil {
                context.report("irc.tls.\(key)", "is set but irc.tls.enabled is false")
            }
            if insecure { context.report("irc.tls.insecure", "is true but irc.tls.enabled is false") }
            return SitrepConfig.TLS(enabled: false)
        }
        if (certificate == nil) != (key == nil) {
            let (missing, present) =
                certificate == nil ? ("client_certificate", "client_key") : ("client_key", "client_certificate")
            if !context.hasProblem(at: "irc.tls.\(missing)") {
                context.report("irc.tls.\(missing)", "required when irc.tls.\(present) is set")
            }
        }
        return SitrepConfig.TLS(
            enabled: true,
            caFile: context.pemFile(caFile, "irc.tls.ca_file", .certificate),
            clientCertificate: context.pemFile(certificate, "irc.tls.client_certificate", .certificate),
            clientKey: context.pemFile(key, "irc.tls.client_key", .privateKey),
            insecure: insecure
        )
    }

    static func sasl(_ sasl: ConfigReader<SASLKey>?, tls: SitrepConfig.TLS, _ context: ConfigContext)
        -> SitrepConfig.SASL
    {
        let name = sasl?.string(.mechanism) ?? "none"
        let account = sasl?.string(.account)
        let passwordEnv = sasl?.string(.passwordEnv)
        let passwordFile = sasl?.string(.passwordFile)
        let required = sasl?.bool(.required) ?? true
        switch name.lowercased() {
        case "none":
            rejectUnused(
                [("account", account), ("password_env", passwordEnv), ("password_file", passwordFile)],
                mechanism: "none", context)
            return SitrepConfig.SASL(mechanism: .none, required: required)
        case "plain":
            let mechanism = plain(account: account, env: passwordEnv, file: passwordFile, context)
            return SitrepConfig.SASL(mechanism: mechanism ?? .none, required: required)
        case "external":
            rejectUnused([("password_env", passwordEnv), ("password_file", passwordFile)], mechanism: "external", context)
            if !tls.enabled || tls.clientCertificate == nil || tls.clientKey == nil {
                context.report(
                    "irc.sasl.mechanism", "external needs TLS with irc.tls.client_certificate and irc.tls.client_key")
            }
            return SitrepConfig.SASL(mechanism: .external, required: required)
        default:
            context.report(
                "irc.sasl.mechanism", "must be one of none, plain, external, got \(IRCNameRules.quoted(name))")
            return SitrepConfig.SASL(mechanism: .none, required: required)
        }
    }

    private static func rejectUnused(_ keys: [(String, String?)], mechanism: String, _ context: ConfigContext) {
        for (key, value) in keys where value != nil {
            context.report(
                "irc.sasl.\(key)", "is not used with mechanism \(mechanism); remove it or set mechanism: plain")
        }
    }

    /// The account and the password from exactly one of an environment variable or a file (trailing newlines
    /// trimmed).
    private static func plain(account: String?, env: String?, file: String?, _ context: ConfigContext)
        -> SitrepConfig.SASL.Mechanism?
    {
        let account = context.checked(context.required(account, "irc.sasl.account"), "irc.sasl.account") {
            $0.isEmpty || $0.contains(" ") ? "must be a non-empty account name without spaces" : nil
        }
        let password: Secret?
        if env == nil && file == nil {
            if !context.hasProblem(at: "irc.sasl.password_env") && !context.hasProblem(at: "irc.sasl.password_file") {
                context.report("irc.sasl", "mechanism plain needs one of password_env or password_file")
            }
            password = nil
        } else {
            password = context.optionalSecret(in: "irc.sasl", env: ("password_env", env), file: ("password_file", file))
        }
        guard let account, let password else { return nil }
        return .plain(account: account, password: password)
    }
}
