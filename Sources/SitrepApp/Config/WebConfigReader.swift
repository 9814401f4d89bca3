import Foundation
import SitrepWeb

/// Reads and checks `web:`, into ``SitrepConfig/Web``: where the server listens, the page title and refresh, the
/// connection limits, the tokens and the public URL. Every bad value is reported as `web.key: reason`.
enum WebConfigReader {
    enum Key: String, CodingKey, CaseIterable {
        case listen, title
        case refreshSeconds = "refresh_seconds"
        case internalTokenEnv = "internal_token_env"
        case internalTokenFile = "internal_token_file"
        case publicURL = "public_url"
        case ackSecretEnv = "ack_secret_env"
        case ackSecretFile = "ack_secret_file"
        case idleTimeout = "idle_timeout"
        case readTimeout = "read_timeout"
        case maxConnections = "max_connections"
        case onCallTokenEnv = "oncall_token_env"
        case onCallTokenFile = "oncall_token_file"
        case publish
    }

    /// Refresh intervals allowed besides 0 (off): fast enough to follow an incident, slow enough for the store.
    static let refreshRange = 5...3600
    /// `web.idle_timeout` and `web.read_timeout`: long enough for a slow phone, short enough to free sockets.
    static let timeoutRange = Duration.seconds(1)...Duration.seconds(3600)
    /// `web.max_connections`: the open-file limit bounds it in practice.
    static let connectionRange = 1...1_000_000

    static func read(_ web: ConfigReader<Key>) -> SitrepConfig.Web {
        let context = web.context
        let listen = web.string(.listen)
        let writtenTitle = web.string(.title)
        let refreshSeconds = web.int(.refreshSeconds)
        let internalToken = (env: web.string(.internalTokenEnv), file: web.string(.internalTokenFile))
        let writtenPublicURL = web.string(.publicURL)
        let ackSecret = (env: web.string(.ackSecretEnv), file: web.string(.ackSecretFile))
        let idleTimeout = web.duration(.idleTimeout)
        let readTimeout = web.duration(.readTimeout)
        let maxConnections = web.int(.maxConnections)
        let onCallToken = (env: web.string(.onCallTokenEnv), file: web.string(.onCallTokenFile))
        let publish = web.string(.publish)

        let (host, port) = self.listen(listen, web)
        let title = context.checked(writtenTitle, web.path(.title)) { title in
            if let problem = IRCNameRules.freeTextProblem(title, allowEmpty: false) { return problem }
            return title.count > 80 ? "must be at most 80 characters, got \(title.count)" : nil
        }
        let publicURL = context.checked(writtenPublicURL, web.path(.publicURL), publicURLProblem)
            .map(withoutTrailingSlash)
        var limits = WebServerLimits()
        limits.idleTimeout = timeout(idleTimeout, .idleTimeout, web) ?? limits.idleTimeout
        limits.readTimeout = timeout(readTimeout, .readTimeout, web) ?? limits.readTimeout
        if let count = maxConnections {
            if connectionRange.contains(count) {
                limits.maxConnections = count
            } else {
                web.report(
                    .maxConnections,
                    "must be from \(connectionRange.lowerBound) to \(connectionRange.upperBound), got \(count)")
            }
        }
        var config = SitrepConfig.Web(
            host: host, port: port, title: title ?? ConfigDefaults.webTitle,
            refreshSeconds: refresh(refreshSeconds, web),
            internalToken: self.internalToken(env: internalToken.env, file: internalToken.file, context),
            publicURL: publicURL, limits: limits,
            ackSecret: self.ackSecret(
                env: ackSecret.env, file: ackSecret.file, hasPublicURL: writtenPublicURL != nil, context))
        config.onCallToken = self.onCallToken(env: onCallToken.env, file: onCallToken.file, context)
        config.publish =
            context.checked(publish, web.path(.publish)) { value in
                StatusPublishing(rawValue: value) == nil
                    ? "must be on_update or immediately, got \(IRCNameRules.quoted(value))" : nil
            }.flatMap(StatusPublishing.init(rawValue:)) ?? .onUpdate
        return config
    }

    /// A web timeout within ``timeoutRange``, else reported and nil.
    private static func timeout(_ value: Duration?, _ key: Key, _ web: ConfigReader<Key>) -> Duration? {
        guard let value else { return nil }
        guard timeoutRange.contains(value) else {
            web.report(key, "must be from \(timeoutRange.lowerBound) to \(timeoutRange.upperBound), got \(value)")
            return nil
        }
        return value
    }

    /// `host:port` or `[v6]:port`; the defaults when absent or wrong.
    private static func listen(_ listen: String?, _ web: ConfigReader<Key>) -> (String, Int) {
        let defaults = (ConfigDefaults.webHost, ConfigDefaults.webPort)
        guard let listen else { return defaults }
        switch ListenAddress.parse(listen) {
        case .success(let address): return address
        case .failure(let problem):
            web.report(.listen, problem.reason)
            return defaults
        }
    }

    private static func refresh(_ seconds: Int?, _ web: ConfigReader<Key>) -> Int {
        guard let seconds else { return ConfigDefaults.webRefreshSeconds }
        guard seconds == 0 || refreshRange.contains(seconds) else {
            web.report(
                .refreshSeconds,
                "must be 0 (no refresh) or from \(refreshRange.lowerBound) to \(refreshRange.upperBound), got \(seconds)")
            return ConfigDefaults.webRefreshSeconds
        }
        return seconds
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

/// `web.listen`: `host:port` or `[v6]:port`.
enum ListenAddress {
    /// Why a `listen` value is wrong.
    struct Problem: Error {
        let reason: String
    }

    static func parse(_ text: String) -> Result<(String, Int), Problem> {
        let form = "must be host:port, like 127.0.0.1:8080 or [::1]:8080, got \(IRCNameRules.quoted(text))"
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]"), text[close...].hasPrefix("]:") else {
                return .failure(Problem(reason: form))
            }
            host = text[text.index(after: text.startIndex)..<close]
            portText = text[text.index(close, offsetBy: 2)...]
            guard host.contains(":") else {
                let reason = "brackets are for IPv6 addresses only, got \(IRCNameRules.quoted(text))"
                return .failure(Problem(reason: reason))
            }
        } else {
            guard let colon = text.lastIndex(of: ":") else { return .failure(Problem(reason: form)) }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        if let problem = IRCNameRules.hostProblem(String(host)) {
            return .failure(Problem(reason: "host \(problem)"))
        }
        if host.contains(":") && !text.hasPrefix("[") {
            let reason = "an IPv6 address goes in brackets, like [::1]:8080, got \(IRCNameRules.quoted(text))"
            return .failure(Problem(reason: reason))
        }
        guard let port = Int(portText), (1...65535).contains(port) else {
            let reason = "port must be between 1 and 65535, got \(IRCNameRules.quoted(String(portText)))"
            return .failure(Problem(reason: reason))
        }
        return .success((String(host), port))
    }
}
