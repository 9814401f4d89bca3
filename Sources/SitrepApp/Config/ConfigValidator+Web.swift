import Foundation
import Notify
import SitrepWeb

/// `web:`: where the server listens, the page title and refresh, the internal views' token and the public URL.
/// Every bad value is reported as `web.key: reason`.
extension ConfigValidator {
    /// Refresh intervals allowed besides 0 (off): fast enough to follow an incident, slow enough for the store.
    static let webRefreshRange = 5...3600
    /// The shortest internal token accepted (e.g. `openssl rand -hex 32` gives 64 characters).
    static let minimumTokenLength = 16
    /// `web.idle_timeout` and `web.read_timeout`: long enough for a slow phone, short enough to free sockets.
    static let webTimeoutRange = Duration.seconds(1)...Duration.seconds(3600)
    /// `web.max_connections`: the open-file limit bounds it in practice.
    static let webConnectionRange = 1...1_000_000

    mutating func validateWeb(_ raw: RawWeb?) -> SitrepConfig.Web? {
        guard let raw else { return nil }
        let (host, port) = validateListen(raw.listen)
        let title = checked(raw.title, "web.title") { title in
            if let problem = IRCNameRules.freeTextProblem(title, allowEmpty: false) { return problem }
            return title.count > 80 ? "must be at most 80 characters, got \(title.count)" : nil
        }
        let publicURL = checked(raw.publicURL, "web.public_url", Self.publicURLProblem).map(Self.withoutTrailingSlash)
        return SitrepConfig.Web(
            host: host, port: port, title: title ?? ConfigDefaults.webTitle,
            refreshSeconds: validateRefresh(raw.refreshSeconds),
            internalToken: validateToken(env: raw.internalTokenEnv, file: raw.internalTokenFile),
            publicURL: publicURL, limits: validateLimits(raw),
            ackSecret: validateAckSecret(raw, hasPublicURL: raw.publicURL != nil))
    }

    /// `ack_secret_env` / `ack_secret_file`: the key of the acknowledge links in out-of-chat pages, at least
    /// `AckLinkSigner.minimumSecretLength` bytes; the links point at `public_url`, so that must be set too.
    private mutating func validateAckSecret(_ raw: RawWeb, hasPublicURL: Bool) -> Secret? {
        let secret = optionalSecret(
            in: "web", env: ("ack_secret_env", raw.ackSecretEnv), file: ("ack_secret_file", raw.ackSecretFile))
        guard let secret else { return nil }
        let keyPath = raw.ackSecretEnv != nil ? "web.ack_secret_env" : "web.ack_secret_file"
        guard secrets.reads(keyPath) else { return secret }
        do {
            _ = try AckLinkSigner(secret: Array(secret.reveal().utf8))
        } catch {
            report(keyPath, error.description)
            return nil
        }
        if !hasPublicURL { report("web.public_url", "must be set when \(keyPath) is: acknowledge links point at it") }
        return secret
    }

    /// `idle_timeout`, `read_timeout` and `max_connections` within their ranges; the default for a bad one.
    private mutating func validateLimits(_ raw: RawWeb) -> WebServerLimits {
        var limits = WebServerLimits()
        limits.idleTimeout = timeout(raw.idleTimeout, "web.idle_timeout") ?? limits.idleTimeout
        limits.readTimeout = timeout(raw.readTimeout, "web.read_timeout") ?? limits.readTimeout
        if let count = raw.maxConnections {
            let allowed = Self.webConnectionRange
            if allowed.contains(count) {
                limits.maxConnections = count
            } else {
                report(
                    "web.max_connections",
                    "must be from \(allowed.lowerBound) to \(allowed.upperBound), got \(count)")
            }
        }
        return limits
    }

    /// A web timeout within `webTimeoutRange`, else reported at `keyPath` and nil.
    private mutating func timeout(_ value: Duration?, _ keyPath: String) -> Duration? {
        guard let value else { return nil }
        let range = Self.webTimeoutRange
        guard range.contains(value) else {
            report(keyPath, "must be from \(range.lowerBound) to \(range.upperBound), got \(value)")
            return nil
        }
        return value
    }

    /// `host:port` or `[v6]:port`; the defaults when absent or wrong.
    private mutating func validateListen(_ listen: String?) -> (String, Int) {
        let defaults = (ConfigDefaults.webHost, ConfigDefaults.webPort)
        guard let listen else { return defaults }
        switch Self.parseListen(listen) {
        case .success(let address): return address
        case .failure(let problem):
            report("web.listen", problem.reason)
            return defaults
        }
    }

    /// Why a `listen` value is wrong.
    struct ListenProblem: Error {
        let reason: String
    }

    static func parseListen(_ text: String) -> Result<(String, Int), ListenProblem> {
        let form = "must be host:port, like 127.0.0.1:8080 or [::1]:8080, got \(IRCNameRules.quoted(text))"
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[close...].hasPrefix("]:") else {
                return .failure(ListenProblem(reason: form))
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
            guard host.contains(":") else {
                let reason = "brackets are for IPv6 addresses only, got \(IRCNameRules.quoted(text))"
                return .failure(ListenProblem(reason: reason))
            }
        } else {
            guard let colon = text.lastIndex(of: ":") else { return .failure(ListenProblem(reason: form)) }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        if let problem = IRCNameRules.hostProblem(String(host)) {
            return .failure(ListenProblem(reason: "host \(problem)"))
        }
        if host.contains(":") && !text.hasPrefix("[") {
            let reason = "an IPv6 address goes in brackets, like [::1]:8080, got \(IRCNameRules.quoted(text))"
            return .failure(ListenProblem(reason: reason))
        }
        guard let port = Int(portText), (1...65535).contains(port) else {
            let reason = "port must be between 1 and 65535, got \(IRCNameRules.quoted(String(portText)))"
            return .failure(ListenProblem(reason: reason))
        }
        return .success((String(host), port))
    }

    private mutating func validateRefresh(_ seconds: Int?) -> Int {
        guard let seconds else { return ConfigDefaults.webRefreshSeconds }
        guard seconds == 0 || Self.webRefreshRange.contains(seconds) else {
            let range = Self.webRefreshRange
            report(
                "web.refresh_seconds",
                "must be 0 (no refresh) or from \(range.lowerBound) to \(range.upperBound), got \(seconds)")
            return ConfigDefaults.webRefreshSeconds
        }
        return seconds
    }

    /// The internal views' token from exactly one of an environment variable or a file; none turns them off.
    private mutating func validateToken(env: String?, file: String?) -> Secret? {
        let token: Secret?
        let keyPath: String
        switch (env, file) {
        case (nil, nil):
            return nil
        case (.some, .some):
            report("web.internal_token_file", "set only one of web.internal_token_env and web.internal_token_file")
            return nil
        case (let name?, nil):
            keyPath = "web.internal_token_env"
            token = secretFromEnvironment(name, keyPath: keyPath)
        case (nil, let path?):
            keyPath = "web.internal_token_file"
            token = secretFromFile(path, keyPath: keyPath)
        }
        guard let token else { return nil }
        if secrets.reads(keyPath), let problem = Self.tokenProblem(token) {
            report(keyPath, problem)
            return nil
        }
        return token
    }

    /// Why a token is too weak or cannot be sent in an `Authorization` header. Never quotes the token.
    static func tokenProblem(_ token: Secret) -> String? {
        let value = token.reveal()
        let printable = value.unicodeScalars.allSatisfy { $0.isASCII && $0.value > 0x20 && $0.value < 0x7F }
        guard printable, value.count >= minimumTokenLength else {
            return "the token must be at least \(minimumTokenLength) printable ASCII characters without spaces "
                + "(e.g. from openssl rand -hex 32)"
        }
        return nil
    }

    static func publicURLProblem(_ text: String) -> String? {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            let host = url.host, !host.isEmpty
        else {
            return "must be an absolute http or https URL, like https://status.example.org, got "
                + IRCNameRules.quoted(text)
        }
        if url.query != nil || url.fragment != nil {
            return "must not have a query or fragment, got \(IRCNameRules.quoted(text))"
        }
        return nil
    }

    private static func withoutTrailingSlash(_ url: String) -> String {
        var url = Substring(url)
        while url.hasSuffix("/") { url = url.dropLast() }
        return String(url)
    }
}
