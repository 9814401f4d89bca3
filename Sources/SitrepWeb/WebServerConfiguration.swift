/// Where the web server listens and who may see what. Built by `SitrepApp` from the `web:` config section.
///
/// Off unless configured; bound to 127.0.0.1 by default so that exposing it is a deliberate act (a reverse proxy
/// with TLS in front of it is the expected deployment).
public struct WebServerConfiguration: Sendable, Equatable {
    /// The address to bind (`127.0.0.1` by default; `::1` for IPv6 loopback).
    public var host: String
    /// The TCP port; 0 picks a free one (tests).
    public var port: Int
    /// The site's name, in every page's title and header.
    public var title: String
    /// How often the status page and live incident pages reload themselves (`<meta http-equiv="refresh">`);
    /// 0 turns it off.
    public var refreshSeconds: Int
    /// The token the internal views require; nil turns them off (they answer 403).
    public var internalToken: AccessToken?
    /// How far back the status page lists resolved incidents, in days, and how many at most.
    public var recentDays: Int
    public var recentLimit: Int
    /// What the public pages show: everything at once, or an incident from its first `!update` without people
    /// and review (`web.publish`; the configuration's default is `.onUpdate`).
    public var publish: StatusPublishing
    /// Timeouts and the connection limit that keep slow or idle clients from holding the server.
    public var limits: WebServerLimits

    public init(
        host: String = "127.0.0.1", port: Int = 8080, title: String = "Service status", refreshSeconds: Int = 30,
        internalToken: AccessToken? = nil, recentDays: Int = 7, recentLimit: Int = 20,
        limits: WebServerLimits = WebServerLimits(), publish: StatusPublishing = .immediately
    ) {
        self.limits = limits
        self.publish = publish
        self.host = host
        self.port = port
        self.title = title
        self.refreshSeconds = refreshSeconds
        self.internalToken = internalToken
        self.recentDays = recentDays
        self.recentLimit = recentLimit
    }
}
