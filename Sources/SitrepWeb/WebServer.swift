import Hummingbird
import Logging
import ServiceLifecycle

/// The HTTP side of a running sitrep, as one `Service` in the process's service group: it serves the health
/// endpoints (and, as they land, the status page, the JSON API, the alert hooks and `/metrics`).
public struct WebServer: Service {
    let configuration: WebServerConfiguration
    let routes: [any WebRoutes]
    let logger: Logger
    let onListening: @Sendable (Int) async -> Void

    /// `onListening` receives the bound port once the server accepts connections (useful with port 0).
    /// `routes` are the route groups mounted beside the built-in ones (alert hooks, metrics).
    public init(
        configuration: WebServerConfiguration, routes: [any WebRoutes] = [], logger: Logger,
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) {
        self.configuration = configuration
        self.routes = routes
        self.logger = logger
        self.onListening = onListening
    }

    /// The routes, without a listening socket (the in-process tests drive this directly).
    public func makeRouter() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/healthz") { _, _ in "ok\n" }
        for group in routes { group.register(on: router) }
        return router
    }

    public func run() async throws {
        let onListening = self.onListening
        let app = Application(
            router: makeRouter(),
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await app.run()
    }
}
