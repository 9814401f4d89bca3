/// Where the web server listens and who may see what. Built by `SitrepApp` from the `web:` config section.
///
/// Off unless configured; bound to 127.0.0.1 by default so that exposing it is a deliberate act (a reverse proxy
/// with TLS in front of it is the expected deployment).
public struct WebServerConfiguration: Sendable, Equatable {
    /// The address to bind (`127.0.0.1` by default).
    public var host: String
    /// The TCP port; 0 picks a free one (tests).
    public var port: Int

    public init(host: String = "127.0.0.1", port: Int = 8080) {
        self.host = host
        self.port = port
    }
}
