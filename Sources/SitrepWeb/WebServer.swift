import Hummingbird
import Logging
import ServiceLifecycle
import SitrepCore

/// The HTTP side of a running sitrep, as one `Service` in the process's service group: the health endpoints, the
/// stakeholder status page and JSON API (given a `WebDataSource`), the token-protected internal views, and the
/// route groups other features mount (alert hooks, `/metrics`).
public struct WebServer: Service {
    let configuration: WebServerConfiguration
    let source: (any WebDataSource)?
    let readiness: (any ReadinessProbe)?
    let routes: [any WebRoutes]
    let logger: Logger
    let clock: @Sendable () -> Timestamp
    let onListening: @Sendable (Int) async -> Void

    /// - Parameters:
    ///   - source: the incidents to show; without one, only the health endpoints and `routes` are served.
    ///   - readiness: what `/readyz` asks; without one, `/readyz` answers ready whenever the process is up.
    ///   - routes: the route groups mounted beside the built-in ones (alert hooks, metrics).
    ///   - clock: now, for ages and review durations (tests pass a fixed one).
    ///   - onListening: receives the bound port once the server accepts connections (useful with port 0).
    public init(
        configuration: WebServerConfiguration, source: (any WebDataSource)? = nil,
        readiness: (any ReadinessProbe)? = nil, routes: [any WebRoutes] = [], logger: Logger,
        clock: @escaping @Sendable () -> Timestamp = WebTime.now,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.source = source
        self.readiness = readiness
        self.routes = routes
        self.logger = logger
        self.clock = clock
        self.onListening = onListening
    }

    /// The routes, without a listening socket (the in-process tests drive this directly). Every GET route also
    /// answers HEAD (monitors probe with it); every answer gets the security headers, and a known path asked with
    /// another method 405 (`ResponseGuardMiddleware`).
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router(options: .autoGenerateHeadEndpoints)
        var groups: [any WebRoutes] = [HealthRoutes(readiness: readiness)]
        if let source {
            let views = StatusViews(source: source, configuration: configuration, clock: clock)
            let responder = WebResponder(
                configuration: configuration, renderer: PageRenderer(), clock: clock, logger: logger)
            groups.append(StatusRoutes(views: views, responder: responder))
            groups.append(InternalRoutes(views: views, responder: responder, token: configuration.internalToken))
        }
        let all = groups + routes
        let guardMiddleware = ResponseGuardMiddleware<BasicRequestContext>(
            endpoints: all.flatMap(\.endpoints), logger: logger)
        router.add(middleware: guardMiddleware)
        for group in all { group.register(on: router) }
        return router
    }

    public func run() async throws {
        let onListening = self.onListening
        let limits = configuration.limits
        let app = Application(
            router: makeRouter(),
            server: GuardedHTTP1Channel.builder(
                limits: limits, registry: ConnectionRegistry(limit: limits.maxConnections)),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        logger.info(
            "web server starting",
            metadata: [
                "address": "\(configuration.host):\(configuration.port)",
                "internal_views": "\(configuration.internalToken == nil ? "off" : "on")",
                "idle_timeout": "\(limits.idleTimeout)", "read_timeout": "\(limits.readTimeout)",
                "max_connections": "\(limits.maxConnections)",
            ])
        try await app.run()
    }
}
