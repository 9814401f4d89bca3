import Notify

/// Reads and checks `smtp:`, the mail server for page emails, into ``SitrepConfig/SMTP``. Every bad value is
/// reported as `smtp.key: reason`; the password comes from `password_env` or `password_file`, never the file.
enum SMTPConfigReader {
    enum Key: String, CodingKey, CaseIterable {
        case host, port, tls, from
        case fromName = "from_name"
        case username
        case passwordEnv = "password_env"
        case passwordFile = "password_file"
        case caFile = "ca_file"
        case localName = "local_name"
        case timeout
    }

    /// `smtp.timeout`: long enough for a slow relay, short enough that a hung one does not hold a page.
    static let timeoutRange = Duration.seconds(1)...Duration.seconds(600)

    /// The mail server, or nil when a required key is missing or wrong (reported).
    static func read(_ smtp: ConfigReader<Key>) -> SitrepConfig.SMTP? {
        let context = smtp.context
        let writtenHost = smtp.string(.host)
        let writtenPort = smtp.int(.port)
        let tls = smtp.string(.tls)
        let writtenFrom = smtp.string(.from)
        let fromName = smtp.string(.fromName)
        let username = smtp.string(.username)
        let passwordEnv = smtp.string(.passwordEnv)
        let passwordFile = smtp.string(.passwordFile)
        let caFile = smtp.string(.caFile)
        let localName = smtp.string(.localName)
        let writtenTimeout = smtp.duration(.timeout)

        let host = context.checked(context.required(writtenHost, "smtp.host"), "smtp.host") { host in
            host.isEmpty || host.contains(where: { $0 == " " || $0 == "/" || $0.isNewline })
                ? "must be a host name or IP address, got \(IRCNameRules.quoted(host))" : nil
        }
        let security = security(tls, smtp)
        var port = security.defaultPort
        if let value = writtenPort {
            if (1...65535).contains(value) { port = value } else { smtp.report(.port, "must be between 1 and 65535, got \(value)") }
        }
        let from = emailAddress(context.required(writtenFrom, "smtp.from"), name: fromName, "smtp.from", context)
        let password = context.optionalSecret(
            in: "smtp", env: ("password_env", passwordEnv), file: ("password_file", passwordFile))
        let givesPassword = passwordEnv != nil || passwordFile != nil
        if username != nil, !givesPassword { smtp.report(.username, "needs password_env or password_file") }
        if username == nil, givesPassword { smtp.report(.username, "required when a password is set") }
        if username != nil, security == .plaintext {
            smtp.report(.tls, "must be starttls or implicit when username is set: a password never goes in the clear")
        }
        var timeout = Duration.seconds(60)
        if let value = writtenTimeout {
            if timeoutRange.contains(value) {
                timeout = value
            } else {
                smtp.report(.timeout, "must be from 1 second to 10 minutes, got \(value)")
            }
        }
        guard let host, let from else { return nil }
        return SitrepConfig.SMTP(
            host: host, port: port, security: security, from: from, username: username,
            password: password, caFile: context.pemFile(caFile, "smtp.ca_file", .certificate),
            localName: localName ?? "localhost", timeout: timeout)
    }

    /// `smtp.tls`: starttls (the default), implicit or none.
    private static func security(_ text: String?, _ smtp: ConfigReader<Key>) -> SMTPSessionConfiguration.Security {
        guard let text else { return .startTLS }
        guard let security = SMTPSessionConfiguration.Security(rawValue: text.lowercased()) else {
            smtp.report(.tls, "must be starttls, implicit or none, got \(IRCNameRules.quoted(text))")
            return .startTLS
        }
        return security
    }

    /// An email address at `keyPath`, with an optional display name.
    static func emailAddress(_ text: String?, name: String?, _ keyPath: String, _ context: ConfigContext) -> EmailAddress? {
        guard let text else { return nil }
        do {
            return try EmailAddress(text, displayName: name)
        } catch {
            context.report(keyPath, error.description)
            return nil
        }
    }
}
