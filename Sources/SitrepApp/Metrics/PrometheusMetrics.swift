import IncidentRuntime
import Prometheus
import SitrepWeb
import Synchronization

/// sitrep's metrics kept in their own Prometheus registry: `metrics` is what the services record through,
/// `render()` is the text `/metrics` serves (`routes` mounts it on the web server).
///
/// Values that are cheaper to read than to keep up to date (open incidents, the outbound queue) are read by
/// samplers at each scrape, just before the registry is written out.
public final class PrometheusMetrics: Sendable {
    /// The registry behind `metrics` (one per process in `sitrep run`, one per test otherwise).
    public let registry: PrometheusCollectorRegistry
    public let metrics: SitrepMetrics
    private let samplers = Mutex<[@Sendable () async -> Void]>([])

    public init() {
        registry = PrometheusCollectorRegistry()
        metrics = SitrepMetrics(factory: Self.factory(registry: registry))
    }

    /// Histogram buckets fit for what sitrep measures: store commits take well under a millisecond to a few
    /// seconds; timers are late by milliseconds normally and by minutes after a restart or an outage.
    static func factory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[SitrepMetrics.Name.storeCommitDuration] = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(2.5),
        ]
        factory.durationHistogramBuckets[SitrepMetrics.Name.timerLateness] = [
            .milliseconds(10), .milliseconds(100), .milliseconds(500), .seconds(1), .seconds(5), .seconds(10),
            .seconds(30), .seconds(60), .seconds(300), .seconds(1800), .seconds(3600),
        ]
        return factory
    }

    /// Runs `sample` at every scrape, before the registry is rendered.
    public func sampleOnScrape(_ sample: @escaping @Sendable () async -> Void) {
        samplers.withLock { $0.append(sample) }
    }

    /// The Prometheus text exposition of every metric, after the samplers ran.
    public func render() async -> String {
        for sample in samplers.withLock({ $0 }) { await sample() }
        return registry.emitToString()
    }

    /// `/metrics` for the web server.
    public var routes: MetricsRoutes {
        MetricsRoutes { [self] in await render() }
    }
}
