import Logging
import ServiceLifecycle
import Synchronization

/// The services that run only on the active instance (chat, its bridge, the timers, the queued alerts), as a
/// service group of their own, started when the instance becomes active and stopped when it steps down.
final class ActiveServices: Sendable {
    private let group: ServiceGroup
    private let task = Mutex<Task<Void, Never>?>(nil)
    private let outcome = Mutex<String?>(nil)
    private let stopping = Mutex(false)

    private init(group: ServiceGroup) {
        self.group = group
    }

    static func start(_ services: [any Service], logger: Logger) -> ActiveServices {
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
                logger: logger))
        let services = ActiveServices(group: group)
        let task = Task {
            do {
                try await group.run()
                services.outcome.withLock { $0 = "they returned" }
            } catch {
                services.outcome.withLock { $0 = "\(error)" }
            }
        }
        services.task.withLock { $0 = task }
        return services
    }

    /// Why the services ended, if they ended without being asked to.
    func endedOnItsOwn() -> String? {
        guard !stopping.withLock({ $0 }) else { return nil }
        return outcome.withLock { $0 }
    }

    /// Stops them: gracefully (in reverse start order, the chat client sending its QUIT) or at once (cancelled:
    /// the connection is dropped), and waits until they have stopped.
    func stop(gracefully: Bool) async {
        stopping.withLock { $0 = true }
        if gracefully {
            await group.triggerGracefulShutdown()
        } else {
            task.withLock { $0 }?.cancel()
        }
        await task.withLock { $0 }?.value
    }
}
