import ServiceLifecycle
import SitrepCore

/// Sends the alert posts the coordinator held back in a storm once their channel's window ends
/// (`AlertPostCoalescer`): sleeps until the next held post is due, or looks again after `idleCheck` when none
/// is held (a post is held for a whole window, so a second's delay in noticing it costs nothing).
public struct AlertPostFlusher: Service {
    let coordinator: IncidentCoordinator
    var idleCheck = Duration.seconds(1)

    public init(coordinator: IncidentCoordinator) {
        self.coordinator = coordinator
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let deadline = await coordinator.alertPostDeadline ?? .now + idleCheck
                try? await Task.sleep(until: deadline, clock: .continuous)
                await coordinator.postDueAlerts()
            }
        }
    }
}
