import SitrepWeb

extension WebServerConfiguration {
    /// The server's settings from the validated `web:` section. The token is revealed here, once, into the
    /// web side's own redacting `AccessToken`.
    public init(_ web: SitrepConfig.Web) {
        self.init(
            host: web.host, port: web.port, title: web.title, refreshSeconds: web.refreshSeconds,
            internalToken: web.internalToken.map { AccessToken($0.reveal()) }, limits: web.limits,
            publish: web.publish)
    }
}
