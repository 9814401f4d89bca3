import IRC
import IRCClient
import IncidentRuntime
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
        /// The IRC client, when `irc:` is configured.
        public let client: IRCClient?
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

    /// Opens the store and wires the chat networks (IRC, Matrix or both), the timeline writer, the coordinator and
    /// the bridges; and the web server when `web:` is configured.
    public static func makeParts(
        config: SitrepConfig, logger: Logger, clock: @escaping @Sendable () -> Timestamp = IRCIncidentBridge.now
    ) throws -> Parts {
        let (store, storeServices) = try ConfiguredStore.make(config.store, logger: logger)
        let irc = config.irc.map { irc in
            var ircLogger = logger
            ircLogger[metadataKey: "network"] = "\(irc.host):\(irc.port)"
            let client = IRCClient(configuration: IRCClientConfiguration(irc), logger: ircLogger)
            return (client: client, network: IRCChatNetwork(client: client, logger: ircLogger, commandPrefix: irc.commandPrefix))
        }
        let client = irc?.client
        let ircNetwork = irc?.network
        let lease = config.failover.map { failover in
            // The standby looks every ttl/10 (one small query), so takeover follows the lapse closely.
            LeaseHolder(
                keeper: LeaseKeeper(
                    instance: failover.instance, ttl: failover.leaseTTL, pollInterval: failover.leaseTTL / 10),
                store: store, clock: clock, logger: logger)
        }
        let matrix = try MatrixParts.make(config.matrix, people: config.people, store: store, logger: logger, clock: clock)
        let networks: [any ChatNetwork] = [ircNetwork as (any ChatNetwork)?, matrix?.network].compactMap { $0 }
        let chat: any ChatNetwork = networks.count == 1 ? networks[0] : ChatNetworks(networks)
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
        settings.schedules = config.schedules.byName
        let paging = config.paging
        settings.methodsBeyondChat = { paging.methodsBeyondChat($0) }
        let timers = TimerService(clock: clock, logger: logger)
        let (pageWakeups, pageWakeup) = AsyncStream<Int64>.makeStream()
        let coordinator = IncidentCoordinator(
            store: store, writer: writer, network: network, settings: settings, logger: logger, clock: clock,
            timers: timers, metrics: metrics,
            fence: lease ?? SingleInstanceFence(store: store, clock: clock, logger: logger), pageWakeups: pageWakeup)
        timers.onFire { timer, now in await coordinator.timerFired(timer, at: now) }
        let pager = try PageDispatcher.make(
            config, store: store, coordinator: coordinator, wakeups: pageWakeups, clock: clock, logger: logger,
            metrics: metrics)
        var chatServices: [any Service] = [HeartbeatService(coordinator: coordinator), pager]
        if let client, let ircNetwork {
            chatServices += [
                client,
                IRCIncidentBridge(
                    client: client, network: ircNetwork, coordinator: coordinator, timers: timers, logger: logger,
                    metrics: metrics),
            ]
            prometheus.sampleOnScrape {
                metrics.connection(
                    outboundQueueDepth: await client.outboundQueueDepth, isConnected: await client.isRegistered)
            }
        }
        if let matrix {
            chatServices.append(
                matrix.service(
                    coordinator: coordinator, writer: writer, store: store, timers: timers, pager: pager,
                    logger: logger, clock: clock))
            prometheus.sampleOnScrape { metrics.matrixConnection(isConnected: matrix.network.isConnected) }
        }
        prometheus.sampleOnScrape { await coordinator.sampleOpenIncidents() }
        let intake = AlertIntake(
            coordinator: coordinator,
            queue: lease.map { AlertIntake.Queue(fence: $0, store: store, clock: clock, logger: logger) })
        var services: [any Service] = storeServices + [writer]
        let alertPosts = AlertPostFlusher(coordinator: coordinator)
        if let lease {
            prometheus.sampleOnScrape {
                let status = lease.status
                metrics.failover(instance: status.instance, isActive: status.isActive, epoch: status.lease?.epoch ?? 0)
            }
            services.append(
                FailoverService(
                    holder: lease,
                    activeServices: chatServices
                        + [timers, alertPosts, QueuedAlertsService(intake: intake, logger: logger)],
                    logger: logger, metrics: metrics,
                    onActivate: { epoch, previous in
                        CrashPoint.reached(.takeoverLeased)
                        guard let previous, previous.holder != lease.instance else { return }
                        await coordinator.prepareTakeover(
                            reason: "instance \(previous.holder) stopped; \(lease.instance) took over, epoch \(epoch)")
                    }))
        } else {
            services += chatServices + [timers, alertPosts]
        }
        // Route groups other features mount on the web server beside its own.
        let webRoutes =
            alertRoutes(config.alerts, intake: intake, logger: logger) + [prometheus.routes]
            + onCallFeedRoutes(config, store: store, clock: clock) + ackLinkRoutes(config.web, coordinator, logger)
        let web = config.web.map { web in
            makeWebServer(
                web, chatNetworks: chatConnectionChecks(client: client, matrix: matrix), store: store,
                routes: webRoutes, logger: logger, clock: clock, lease: lease)
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

    /// `GET /oncall/<name>.ics`, when there are schedules and a web server.
    static func onCallFeedRoutes(
        _ config: SitrepConfig, store: any IncidentStore, clock: @escaping @Sendable () -> Timestamp
    ) -> [any WebRoutes] {
        guard let web = config.web, !config.schedules.byName.isEmpty else { return [] }
        return [
            OnCallFeedRoutes(
                source: ScheduleFeed(schedules: config.schedules, store: store),
                token: web.onCallToken.map { AccessToken($0.reveal()) }, clock: clock)
        ]
    }

    /// `GET`/`POST /ack/<token>`, when the web side signs acknowledge links.
    static func ackLinkRoutes(_ web: SitrepConfig.Web?, _ coordinator: IncidentCoordinator, _ logger: Logger)
        -> [any WebRoutes]
    {
        guard let web, let signer = web.ackLinkSigner else { return [] }
        return [
            AckLinkRoutes(
                signer: signer, handler: CoordinatorAckLinkHandler(coordinator: coordinator), siteTitle: web.title,
                publicURL: web.publicURL, logger: logger)
        ]
    }

    /// What `/readyz` checks of each configured chat network: IRC registered, Matrix answering `/sync`.
    static func chatConnectionChecks(client: IRCClient?, matrix: MatrixParts?) -> [ChatConnectionCheck] {
        var checks: [ChatConnectionCheck] = []
        if let client { checks.append(ChatConnectionCheck(name: "irc") { await client.isRegistered }) }
        if let matrix { checks.append(ChatConnectionCheck(name: "matrix") { matrix.network.isConnected }) }
        return checks
    }

    /// The web server over the store, ready when every chat network is connected and the store takes a write.
    static func makeWebServer(
        _ web: SitrepConfig.Web, chatNetworks: [ChatConnectionCheck], store: any IncidentStore,
        routes: [any WebRoutes], logger: Logger, clock: @escaping @Sendable () -> Timestamp, lease: LeaseHolder? = nil
    ) -> WebServer {
        let readiness = AppReadiness(
            chatNetworks: chatNetworks, store: store, clock: clock, logger: logger, failover: lease)
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
