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
        /// Route groups for the web server: `/metrics`, and the alert hooks when `alerts:` is configured.
        public let webRoutes: [any WebRoutes]
        /// The process's metrics registry; `metrics.routes` is `/metrics`, for the web server's routes.
        public let metrics: PrometheusMetrics
        /// `GET /metrics` (Prometheus text format), to mount on the web server.
        public var metricsRoutes: any WebRoutes { metrics.routes }
        /// The web server, when `web:` is configured (it is also in `services`).
        public var web: WebServer? = nil
        /// This instance's view of the lease, when `failover:` is configured (the loop is in `services`).
        public var lease: LeaseHolder? = nil
        /// The Matrix client and network, when `matrix:` is configured (its sync service is in `services`).
        public var matrix: MatrixParts? = nil
    }

    /// Opens the store and wires the IRC client, the timeline writer, the coordinator and the bridge; and the web
    /// server when `web:` is configured.
    public static func makeParts(
        config: SitrepConfig, logger: Logger, clock: @escaping @Sendable () -> Timestamp = IRCIncidentBridge.now
    ) throws -> Parts {
        let (store, storeServices) = try ConfiguredStore.make(config.store, logger: logger)
        var ircLogger = logger
        ircLogger[metadataKey: "network"] = "\(config.irc.host):\(config.irc.port)"
        let client = IRCClient(configuration: IRCClientConfiguration(config.irc), logger: ircLogger)
        let lease = config.failover.map { failover in
            // The standby looks every ttl/10 (one small query), so takeover follows the lapse closely.
            LeaseHolder(
                keeper: LeaseKeeper(
                    instance: failover.instance, ttl: failover.leaseTTL, pollInterval: failover.leaseTTL / 10),
                store: store, clock: clock, logger: logger)
        }
        let ircNetwork = IRCChatNetwork(client: client, logger: ircLogger)
        let matrix = try MatrixParts.make(config.matrix, people: config.people, logger: logger, clock: clock)
        let chat: any ChatNetwork = matrix.map { ChatNetworks([ircNetwork, $0.network]) } ?? ircNetwork
        let network: any ChatNetwork =
            lease.map { FencedChatNetwork(base: chat, fence: $0, logger: logger) } ?? chat
        let prometheus = PrometheusMetrics()
        let metrics = prometheus.metrics
        let writer = TimelineWriter(store: store, logger: logger, metrics: metrics)
        var settings = CoordinatorSettings(
            incidents: config.incidentConfiguration, permissions: config.permissions,
            announceChannel: config.incidents.announceChannel, timerPolicy: config.timerPolicy,
            alertPolicy: config.alerts?.policy ?? AlertPolicy())
        settings.otherAnnounceChannels = config.matrix?.announceRoom.map { [$0] } ?? []
        settings.grantChatRights = config.incidents.grantChatRights
        let timers = TimerService(clock: clock, logger: logger)
        let coordinator = IncidentCoordinator(
            store: store, writer: writer, network: network, settings: settings, logger: logger, clock: clock,
            timers: timers, metrics: metrics, fence: lease)
        timers.onFire { timer, now in await coordinator.timerFired(timer, at: now) }
        let bridge = IRCIncidentBridge(
            client: client, network: ircNetwork, coordinator: coordinator, timers: timers, logger: logger,
            metrics: metrics)
        let matrixServices: [any Service] = matrix.map {
            [$0.service(coordinator: coordinator, writer: writer, store: store, logger: logger, clock: clock)]
        } ?? []
        prometheus.sampleOnScrape { await coordinator.sampleOpenIncidents() }
        prometheus.sampleOnScrape {
            metrics.connection(
                outboundQueueDepth: await client.outboundQueueDepth, isConnected: await client.isRegistered)
        }
        let intake = AlertIntake(
            coordinator: coordinator,
            queue: lease.map { AlertIntake.Queue(fence: $0, store: store, clock: clock, logger: logger) })
        var services: [any Service] = storeServices + [writer]
        if let lease {
            prometheus.sampleOnScrape {
                let status = lease.status
                metrics.failover(instance: status.instance, isActive: status.isActive, epoch: status.lease?.epoch ?? 0)
            }
            services.append(
                FailoverService(
                    holder: lease,
                    activeServices: [client, bridge, timers, QueuedAlertsService(intake: intake, logger: logger)]
                        + matrixServices,
                    logger: logger, metrics: metrics,
                    onActivate: { epoch, previous in
                        guard let previous, previous.holder != lease.instance else { return }
                        await coordinator.prepareTakeover(
                            reason: "instance \(previous.holder) stopped; \(lease.instance) took over, epoch \(epoch)")
                    }))
        } else {
            services += [client, bridge, timers] + matrixServices
        }
        // Route groups other features mount on the web server beside its own.
        let webRoutes = alertRoutes(config.alerts, intake: intake, logger: logger) + [prometheus.routes]
        let web = config.web.map { web in
            makeWebServer(
                web, client: client, store: store, routes: webRoutes, logger: logger, clock: clock, lease: lease)
        }
        if let web { services.append(web) }
        return Parts(
            client: client, store: store, writer: writer, coordinator: coordinator, timers: timers, services: services,
            webRoutes: webRoutes, metrics: prometheus, web: web, lease: lease, matrix: matrix)
    }

    /// `POST /hooks/alertmanager` and `POST /hooks/generic`, delivering to the coordinator; none without `alerts:`.
    static func alertRoutes(_ alerts: SitrepConfig.Alerts?, intake: AlertIntake, logger: Logger) -> [any WebRoutes] {
        guard let alerts else { return [] }
        let configuration = AlertHookConfiguration(
            bearerToken: alerts.token.map { HookSecret($0.reveal()) },
            hmacSecret: alerts.hmacSecret.map { HookSecret($0.reveal()) }, maxBodyBytes: alerts.maxBodyBytes)
        return [AlertHookRoutes(configuration: configuration, sink: intake, logger: logger)]
    }

    /// The web server over the store, ready when the IRC client is registered and the store takes a write.
    static func makeWebServer(
        _ web: SitrepConfig.Web, client: IRCClient, store: any IncidentStore, routes: [any WebRoutes],
        logger: Logger, clock: @escaping @Sendable () -> Timestamp, lease: LeaseHolder? = nil
    ) -> WebServer {
        let readiness = AppReadiness(
            isChatConnected: { await client.isRegistered }, store: store, clock: clock, logger: logger,
            failover: lease)
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
