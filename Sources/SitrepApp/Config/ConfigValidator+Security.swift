/// TLS files, SASL mechanism and the SASL secret. Files are resolved against the config file's directory and read
/// once here, so a missing or mistyped path is reported before the bot ever connects.
extension ConfigValidator {
    mutating func validateTLS(_ raw: RawTLS?) -> SitrepConfig.TLS {
        let enabled = raw?.enabled ?? true
        let insecure = raw?.insecure ?? false
        guard enabled else {
            let files = [
                ("ca_file", raw?.caFile), ("client_certificate", raw?.clientCertificate),
                ("client_key", raw?.clientKey),
            ]
            for (key, value) in files where value != nil {
                report("irc.tls.\(key)", "is set but irc.tls.enabled is false")
            }
            if insecure { report("irc.tls.insecure", "is true but irc.tls.enabled is false") }
            return SitrepConfig.TLS(enabled: false)
        }
        let certificate = raw?.clientCertificate
        let key = raw?.clientKey
        if (certificate == nil) != (key == nil) {
            let (missing, present) =
                certificate == nil ? ("client_certificate", "client_key") : ("client_key", "client_certificate")
            if !hasProblem(at: "irc.tls.\(missing)") {
                report("irc.tls.\(missing)", "required when irc.tls.\(present) is set")
            }
        }
        return SitrepConfig.TLS(
            enabled: true,
            caFile: pemFile(raw?.caFile, "irc.tls.ca_file", .certificate),
            clientCertificate: pemFile(certificate, "irc.tls.client_certificate", .certificate),
            clientKey: pemFile(key, "irc.tls.client_key", .privateKey),
            insecure: insecure
        )
    }

    mutating func validateSASL(_ raw: RawSASL?, tls: SitrepConfig.TLS) -> SitrepConfig.SASL {
        let required = raw?.required ?? true
        let name = raw?.mechanism ?? "none"
        switch name.lowercased() {
        case "none":
            rejectUnused(
                raw,
                keys: [
                    ("account", raw?.account), ("password_env", raw?.passwordEnv), ("password_file", raw?.passwordFile),
                ],
                mechanism: "none"
            )
            return SitrepConfig.SASL(mechanism: .none, required: required)
        case "plain":
            return SitrepConfig.SASL(mechanism: plainMechanism(raw) ?? .none, required: required)
        case "external":
            rejectUnused(
                raw,
                keys: [("password_env", raw?.passwordEnv), ("password_file", raw?.passwordFile)],
                mechanism: "external"
            )
            if !tls.enabled || tls.clientCertificate == nil || tls.clientKey == nil {
                report(
                    "irc.sasl.mechanism",
                    "external needs TLS with irc.tls.client_certificate and irc.tls.client_key"
                )
            }
            return SitrepConfig.SASL(mechanism: .external, required: required)
        default:
            report("irc.sasl.mechanism", "must be one of none, plain, external, got \(IRCNameRules.quoted(name))")
            return SitrepConfig.SASL(mechanism: .none, required: required)
        }
    }

    private mutating func rejectUnused(_ raw: RawSASL?, keys: [(String, String?)], mechanism: String) {
        for (key, value) in keys where value != nil {
            report("irc.sasl.\(key)", "is not used with mechanism \(mechanism); remove it or set mechanism: plain")
        }
    }

    private mutating func plainMechanism(_ raw: RawSASL?) -> SitrepConfig.SASL.Mechanism? {
        let account = checked(required(raw?.account, "irc.sasl.account"), "irc.sasl.account") {
            $0.isEmpty || $0.contains(" ") ? "must be a non-empty account name without spaces" : nil
        }
        let password = resolvePassword(env: raw?.passwordEnv, file: raw?.passwordFile)
        guard let account, let password else { return nil }
        return .plain(account: account, password: password)
    }

    /// The SASL password from exactly one of an environment variable or a file (trailing newlines trimmed).
    private mutating func resolvePassword(env: String?, file: String?) -> Secret? {
        if env == nil && file == nil {
            if !hasProblem(at: "irc.sasl.password_env") && !hasProblem(at: "irc.sasl.password_file") {
                report("irc.sasl", "mechanism plain needs one of password_env or password_file")
            }
            return nil
        }
        return optionalSecret(in: "irc.sasl", env: ("password_env", env), file: ("password_file", file))
    }
}
