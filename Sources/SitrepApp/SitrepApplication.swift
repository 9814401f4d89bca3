import IRCClient
import Logging
import ServiceLifecycle

/// The composition root: builds every service of a running sitrep from the validated configuration.
/// `sitrep run` and the integration tests call the same builder.
public enum SitrepApplication {
    /// The services, in start order, and the IRC client so callers (tests) can observe it.
    public struct Parts: Sendable {
        public let client: IRCClient
        public let services: [any Service]
    }

    public static func makeParts(config: SitrepConfig, logger: Logger) -> Parts {
        var ircLogger = logger
        ircLogger[metadataKey: "network"] = "\(config.irc.host):\(config.irc.port)"
        let client = IRCClient(configuration: IRCClientConfiguration(config.irc), logger: ircLogger)
        let responder = ChatResponder(client: client, logger: logger)
        return Parts(client: client, services: [client, responder])
    }

    /// A service group that stops gracefully on SIGTERM and SIGINT.
    public static func makeServiceGroup(config: SitrepConfig, logger: Logger) -> ServiceGroup {
        let parts = makeParts(config: config, logger: logger)
        return ServiceGroup(
            configuration: .init(
                services: parts.services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            ))
    }
}
