import Notify

/// `smtp:`: the mail server for page emails. Every bad value is reported as `smtp.key: reason`.
extension ConfigValidator {
    /// `smtp.timeout`: long enough for a slow relay, short enough that a hung one does not hold a page.
    static let smtpTimeoutRange = Duration.seconds(1)...Duration.seconds(600)

    mutating func validateSMTP(_ raw: RawSMTP?) -> SitrepConfig.SMTP? {
        guard let raw else { return nil }
        let host = checked(required(raw.host, "smtp.host"), "smtp.host") { host in
            host.isEmpty || host.contains(where: { $0 == " " || $0 == "/" || $0.isNewline })
                ? "must be a host name or IP address, got \(IRCNameRules.quoted(host))" : nil
        }
        let security = security(raw.tls)
        var port = security.defaultPort
        if let value = raw.port {
            if (1...65535).contains(value) { port = value } else { report("smtp.port", "must be between 1 and 65535, got \(value)") }
        }
        let from = emailAddress(required(raw.from, "smtp.from"), name: raw.fromName, "smtp.from")
        let password = optionalSecret(
            in: "smtp", env: ("password_env", raw.passwordEnv), file: ("password_file", raw.passwordFile))
        let givesPassword = raw.passwordEnv != nil || raw.passwordFile != nil
        if raw.username != nil, !givesPassword { report("smtp.username", "needs password_env or password_file") }
        if raw.username == nil, givesPassword { report("smtp.username", "required when a password is set") }
        if raw.username != nil, security == .plaintext {
            report("smtp.tls", "must be starttls or implicit when username is set: a password never goes in the clear")
        }
        var timeout = Duration.seconds(60)
        if let value = raw.timeout {
            if Self.smtpTimeoutRange.contains(value) {
                timeout = value
            } else {
                report("smtp.timeout", "must be from 1 second to 10 minutes, got \(value)")
            }
        }
        guard let host, let from else { return nil }
        return SitrepConfig.SMTP(
            host: host, port: port, security: security, from: from, username: raw.username,
            password: password, caFile: pemFile(raw.caFile, "smtp.ca_file", .certificate),
            localName: raw.localName ?? "localhost", timeout: timeout)
    }

    /// `smtp.tls`: starttls (the default), implicit or none.
    private mutating func security(_ text: String?) -> SMTPSessionConfiguration.Security {
        guard let text else { return .startTLS }
        guard let security = SMTPSessionConfiguration.Security(rawValue: text.lowercased()) else {
            report("smtp.tls", "must be starttls, implicit or none, got \(IRCNameRules.quoted(text))")
            return .startTLS
        }
        return security
    }

    /// An email address at `keyPath`, with an optional display name.
    mutating func emailAddress(_ text: String?, name: String?, _ keyPath: String) -> EmailAddress? {
        guard let text else { return nil }
        do {
            return try EmailAddress(text, displayName: name)
        } catch {
            report(keyPath, error.description)
            return nil
        }
    }
}
