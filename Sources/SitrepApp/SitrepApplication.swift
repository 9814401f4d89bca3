import IRC
import IRCClient
import Logging
import SQLiteStore
import ServiceLifecycle
import SitrepCore
import SitrepWeb

/// The composition root: builds every service of a running sitrep from the validated configuration.
/// `sitrep run` and the integration tests call the same builder.
public enum SitrepApplication {
    /// The running parts, in start order, so callers (tests, benchmarks) can observe them.
    public struct Parts: Sendable {
        public let client: IRCClient
        public let store: any IncidentStore
        public let writer: TimelineWriter
        public let coordinator: IncidentCoordinator
        public let timers: TimerService
        public let services: [any Service]
        /// The web server, when `web:` is configured (it is also in `services`).
        public var web: WebServer? = nil
    }

    /// Opens the store and wires the IRC client, the timeline writer, the coordinator and the bridge; and the web
    /// server when `web:` is configured.
    public static func makeParts(
        config: SitrepConfig, logger: Logger, clock: @escaping @Sendable () -> Timestamp = IRCIncidentBridge.now
    ) throws -> Parts {
        let store = try SQLiteIncidentStore(path: config.store.sqlitePath)
        var ircLogger = logger
        ircLogger[metadataKey: "network"] = "\(config.irc.host):\(config.irc.port)"
        let client = IRCClient(configuration: IRCClientConfiguration(config.irc), logger: ircLogger)
        let network = IRCChatNetwork(client: client)
        let writer = TimelineWriter(store: store, logger: logger)
        let settings = CoordinatorSettings(
            incidents: config.incidentConfiguration, permissions: config.permissions,
            announceChannel: config.incidents.announceChannel, timerPolicy: config.timerPolicy)
        let timers = TimerService(clock: clock, logger: logger)
        let coordinator = IncidentCoordinator(
            store: store, writer: writer, network: network, settings: settings, logger: logger, clock: clock,
            timers: timers)
        timers.onFire { timer, now in await coordinator.timerFired(timer, at: now) }
        let bridge = IRCIncidentBridge(
            client: client, network: network, coordinator: coordinator, timers: timers, logger: logger)
        var services: [any Service] = [writer, client, bridge, timers]
        // Route groups other features mount on the web server beside its own (alert hooks, `/metrics`).
        let webRoutes: [any WebRoutes] = []
        let web = config.web.map { web in
            makeWebServer(web, client: client, store: store, routes: webRoutes, logger: logger, clock: clock)
        }
        if let web { services.append(web) }
        return Parts(
            client: client, store: store, writer: writer, coordinator: coordinator, timers: timers, services: services,
            web: web)
    }

    /// The web server over the store, ready when the IRC client is registered and the store takes a write.
    static func makeWebServer(
        _ web: SitrepConfig.Web, client: IRCClient, store: any IncidentStore, routes: [any WebRoutes],
        logger: Logger, clock: @escaping @Sendable () -> Timestamp
    ) -> WebServer {
        let readiness = AppReadiness(
            isChatConnected: { await client.isRegistered }, store: store, clock: clock, logger: logger)
        return WebServer(
            configuration: WebServerConfiguration(web), source: StoreWebDataSource(store: store),
            readiness: readiness, routes: routes, logger: logger, clock: clock)
    }

    /// A service group that stops gracefully on SIGTERM and SIGINT.
    public static func makeServiceGroup(config: SitrepConfig, logger: Logger) throws -> ServiceGroup {
        let parts = try makeParts(config: config, logger: logger)
        return ServiceGroup(
            configuration: .init(
                services: parts.services.map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger
            ))
    }
}
