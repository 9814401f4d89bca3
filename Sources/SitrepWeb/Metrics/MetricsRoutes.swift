import Hummingbird

/// `GET /metrics`: the Prometheus text exposition, produced by `render` at each scrape.
///
/// SitrepWeb knows nothing of the metrics library: the composition root hands over the renderer
/// (`PrometheusMetrics.routes` in SitrepApp).
public struct MetricsRoutes: WebRoutes {
    /// The Prometheus text exposition format, version 0.0.4.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    let render: @Sendable () async -> String

    public init(render: @escaping @Sendable () async -> String) {
        self.render = render
    }

    public var endpoints: [WebEndpoint] { [WebEndpoint("/metrics", [.get])] }

    public func register(on router: Router<BasicRequestContext>) {
        router.get("/metrics") { _, _ in
            let text = await render()
            return Response(
                status: .ok, headers: [.contentType: Self.contentType],
                body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
        }
    }
}
