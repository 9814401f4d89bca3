import IRC
import IRCClient
import SitrepCore

extension IRCClientConfiguration {
    /// The IRC client's configuration from the validated config file.
    public init(_ config: SitrepConfig.IRC) {
        let sasl: IRCSessionConfiguration.SASL
        switch config.sasl.mechanism {
        case .none: sasl = .none
        case .plain(let account, let password):
            sasl = .plain(account: account, password: password.reveal(), required: config.sasl.required)
        case .external: sasl = .external(required: config.sasl.required)
        }
        let session = IRCSessionConfiguration(
            nick: config.nick, alternateNicks: config.alternateNicks, username: config.username,
            realname: config.realname, sasl: sasl, channels: config.channels,
            keepaliveInterval: config.keepalive.interval, keepaliveTimeout: config.keepalive.timeout,
            versionReply: "sitrep \(SitrepVersion.current)"
        )
        self.init(
            host: config.host, port: config.port,
            tls: TLS(
                enabled: config.tls.enabled, caFile: config.tls.caFile,
                clientCertificateFile: config.tls.clientCertificate, clientKeyFile: config.tls.clientKey,
                insecure: config.tls.insecure),
            session: session, pacingBurst: config.pacing.burst, pacingLinesPerSecond: config.pacing.linesPerSecond,
            reconnectInitialDelay: config.reconnect.initialDelay, reconnectMaximumDelay: config.reconnect.maxDelay,
            quitMessage: config.quitMessage
        )
    }
}
