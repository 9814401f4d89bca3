import Logging
import ServiceLifecycle

/// On the active instance of a pair: takes the alert webhook calls a standby queued and handles them, checking
/// once a second (a standby receives alerts only while it is the standby, so the queue is short and rare).
struct QueuedAlertsService: Service {
    let intake: AlertIntake
    let logger: Logger
    var interval: Duration = .seconds(1)

    func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                do {
                    let handled = try await intake.drainQueue()
                    if handled > 0 { logger.info("queued alerts handled", metadata: ["calls": "\(handled)"]) }
                } catch {
                    logger.warning("queued alerts could not be taken", metadata: ["error": "\(error)"])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }
}
