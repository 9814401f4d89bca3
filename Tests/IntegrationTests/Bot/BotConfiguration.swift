import IRC
import IRCClient
import SitrepApp
import SitrepTestSupport

/// Bot configurations for the local test servers, built through the same config → client mapping `sitrep run`
/// uses.
enum BotConfiguration {
    /// A nick or channel suffix unique within this run (the servers outlive a test run).
    static func unique(_ base: String) -> String {
        "\(base)\(UInt32.random(in: 0..<1_000_000))"
    }

    static func make(
        servers: IRCTestServers,
        endpoint: IRCTestServers.Endpoint,
        nick: String,
        channels: [String] = [],
        sasl: SitrepConfig.SASL.Mechanism = .none,
        caFile: String?? = .none,
        insecure: Bool = false,
        host: String? = nil,
        maxReconnectDelay: Duration = .seconds(60),
        pacing: SitrepConfig.Pacing = SitrepConfig.Pacing()
    ) -> IRCClientConfiguration {
        let clientCertificate: (String?, String?) =
            if case .external = sasl { (servers.botClientCertificate, servers.botClientKey) } else { (nil, nil) }
        let config = SitrepConfig.IRC(
            host: host ?? endpoint.host,
            port: endpoint.port,
            tls: SitrepConfig.TLS(
                enabled: endpoint.tls, caFile: endpoint.tls ? (caFile ?? servers.caFile) : nil,
                clientCertificate: clientCertificate.0, clientKey: clientCertificate.1, insecure: insecure),
            nick: nick,
            sasl: SitrepConfig.SASL(mechanism: sasl, required: true),
            channels: channels,
            pacing: pacing,
            reconnect: SitrepConfig.Reconnect(initialDelay: .seconds(1), maxDelay: maxReconnectDelay)
        )
        return IRCClientConfiguration(config)
    }
}
