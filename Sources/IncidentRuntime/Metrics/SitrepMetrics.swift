import CoreMetrics
import Metrics
import SitrepCore

/// sitrep's own metrics, made from an injected `MetricsFactory` (never the process-wide `MetricsSystem`, which
/// can be bootstrapped once per process: tests each get their own registry).
///
/// The coordinator, the timeline writer and the IRC bridge record through it; `SitrepApplication.makeParts` gives
/// them one backed by a Prometheus registry (`PrometheusMetrics`), everything else defaults to `.disabled`.
/// Every call is cheap enough for where it is made: the writer records once per committed batch, never per line.
/// Label values are bounded sets (command names, outcomes, enum cases, configured sources): a label taken from
/// free user text would grow the registry without bound.
public final class SitrepMetrics: Sendable {
    /// Metric names, Prometheus style: `sitrep_` prefix, unit suffix.
    public enum Name {
        public static let openIncidents = "sitrep_open_incidents"
        public static let commands = "sitrep_commands_total"
        public static let timelineLines = "sitrep_timeline_lines_recorded_total"
        public static let storeCommitDuration = "sitrep_store_commit_duration_seconds"
        public static let outboundQueueDepth = "sitrep_irc_outbound_queue_depth"
        public static let connected = "sitrep_irc_connected"
        public static let reconnects = "sitrep_irc_reconnects_total"
        public static let matrixConnected = "sitrep_matrix_connected"
        public static let timerLateness = "sitrep_timer_lateness_seconds"
        public static let alerts = "sitrep_alerts_received_total"
        public static let failoverActive = "sitrep_failover_active"
        public static let failoverEpoch = "sitrep_failover_epoch"
        public static let takeovers = "sitrep_failover_takeovers_total"
    }

    /// What a store commit wrote: a batch of transcript lines, an incident change (with the lines queued before
    /// it), or a new incident.
    public enum StoreOperation: String, Sendable, CaseIterable {
        case timeline, lifecycle, declare
    }

    /// Records nothing: the default for code paths built without metrics (tests, benchmarks of other parts).
    public static let disabled = SitrepMetrics(factory: NOOPMetricsHandler.instance)

    let factory: any MetricsFactory
    private let timelineLines: Counter
    private let commitDurations: [StoreOperation: Timer]
    private let reconnects: Counter

    public init(factory: any MetricsFactory) {
        self.factory = factory
        timelineLines = Counter(label: Name.timelineLines, factory: factory)
        commitDurations = Dictionary(
            uniqueKeysWithValues: StoreOperation.allCases.map {
                ($0, Timer(label: Name.storeCommitDuration, dimensions: [("operation", $0.rawValue)], factory: factory))
            })
        reconnects = Counter(label: Name.reconnects, factory: factory)
    }

    /// A chat command was handled. `command` is the canonical command name (`unknown` for a name sitrep does
    /// not know), never the text typed.
    public func commandHandled(_ command: String, outcome: CommandOutcome) {
        Counter(
            label: Name.commands, dimensions: [("command", command), ("outcome", outcome.rawValue)], factory: factory
        ).increment()
    }

    /// A store transaction committed `entries` timeline entries in `duration`.
    public func committed(_ operation: StoreOperation, entries: Int, duration: Duration) {
        commitDurations[operation]?.record(duration: duration)
        if entries > 0 { timelineLines.increment(by: entries) }
    }

    /// A timer of `kind` fired `lateness` after its deadline.
    public func timerFired(_ kind: IncidentTimer.Kind, lateness: Duration) {
        Timer(label: Name.timerLateness, dimensions: [("kind", kind.rawValue)], factory: factory)
            .record(duration: lateness)
    }

    /// The chat connection registered again after it was lost.
    public func reconnected() {
        reconnects.increment()
    }

    /// The IRC connection as seen at scrape time: lines waiting in the paced queue, and whether it is registered.
    /// (Registered on first use, so a Matrix-only sitrep exports no IRC gauges.)
    public func connection(outboundQueueDepth depth: Int, isConnected: Bool) {
        Gauge(label: Name.outboundQueueDepth, factory: factory).record(depth)
        Gauge(label: Name.connected, factory: factory).record(isConnected ? 1 : 0)
    }

    /// The Matrix homeserver as seen at scrape time: 1 when it answered the last `/sync`.
    public func matrixConnection(isConnected: Bool) {
        Gauge(label: Name.matrixConnected, factory: factory).record(isConnected ? 1 : 0)
    }

    /// This instance's place in an active/standby pair: 1 while active, under `epoch` (the lease's, as last
    /// seen). `instance` is the configured instance name.
    public func failover(instance: String, isActive: Bool, epoch: Int64) {
        Gauge(label: Name.failoverActive, dimensions: [("instance", instance)], factory: factory)
            .record(isActive ? 1 : 0)
        Gauge(label: Name.failoverEpoch, dimensions: [("instance", instance)], factory: factory).record(epoch)
    }

    /// This instance became active after another one had held the lease (a failover, or a switch-over).
    public func tookOver(instance: String) {
        Counter(label: Name.takeovers, dimensions: [("instance", instance)], factory: factory).increment()
    }

    /// An alert arrived on a hook. `source` is the configured hook or sender kind (e.g. `alertmanager`), `status`
    /// what it reported (e.g. `firing`, `resolved`); both must come from a bounded set, not from the payload's
    /// free text.
    public func alertReceived(source: String, status: String) {
        Counter(label: Name.alerts, dimensions: [("source", source), ("status", status)], factory: factory)
            .increment()
    }

    /// The open incidents by severity and state, as seen at scrape time: every open state of every severity is
    /// set (0 where none), so a series drops to 0 rather than keeping its last value.
    public func openIncidents(_ incidents: [Incident]) {
        var counts: [Key: Int] = [:]
        for incident in incidents { counts[Key(severity: incident.severity, state: incident.state), default: 0] += 1 }
        for severity in Severity.allCases {
            for state in IncidentState.allCases where state != .closed && state != .cancelled {
                let key = Key(severity: severity, state: state)
                Gauge(
                    label: Name.openIncidents,
                    dimensions: [("severity", "sev\(severity.rawValue)"), ("state", state.rawValue)], factory: factory
                ).record(counts[key] ?? 0)
            }
        }
    }

    private struct Key: Hashable {
        var severity: Severity
        var state: IncidentState
    }
}
