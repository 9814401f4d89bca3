import ServiceLifecycle
import SitrepCore

/// Starts the coordinator (open incidents, timers, the gap since the last run) and records every two seconds
/// that sitrep is alive and recording, so a restart or a takeover shows the gap it left on every open timeline.
/// It runs whichever chat networks are configured, and only on the active instance of a pair.
public struct HeartbeatService: Service {
    let coordinator: IncidentCoordinator
    let interval: Duration

    public init(coordinator: IncidentCoordinator, interval: Duration = .seconds(2)) {
        self.coordinator = coordinator
        self.interval = interval
    }

    public func run() async throws {
        try await coordinator.start()
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    try await Task.sleep(for: interval)
                    await coordinator.heartbeat()
                }
            }
        } catch is CancellationError {}
    }
}
