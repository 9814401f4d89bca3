import Foundation
import IncidentRuntime
import Logging
import SitrepCore
import SitrepWeb

/// The `AlertSink` the alert hooks deliver to: hands each webhook call's alerts to the coordinator, one call at
/// a time, so that a retried or concurrent notification of the same Alertmanager group sees what the previous
/// one did (its alerts linked to the incident) instead of declaring a second incident beside it.
///
/// In an active/standby pair, the standby does not act on alerts: it keeps each call in the store's alert queue
/// (so the sender gets its 200 and does not retry) and the active instance takes it from there (`drainQueue`).
public struct AlertIntake: AlertSink {
    let coordinator: IncidentCoordinator
    let queue: Queue?
    private let gate = SerialGate()

    /// Where a standby keeps alerts for the active instance.
    public struct Queue: Sendable {
        let fence: LeaseHolder
        let store: any FencingStore
        let clock: @Sendable () -> Timestamp
        let logger: Logger

        public init(
            fence: LeaseHolder, store: any FencingStore, clock: @escaping @Sendable () -> Timestamp, logger: Logger
        ) {
            self.fence = fence
            self.store = store
            self.clock = clock
            self.logger = logger
        }
    }

    public init(coordinator: IncidentCoordinator, queue: Queue? = nil) {
        self.coordinator = coordinator
        self.queue = queue
    }

    public func receive(_ notices: [AlertNotice]) async throws -> AlertIntakeSummary {
        if let queue, !queue.fence.mayAct() {
            try await queue.store.queueAlerts(try Self.encode(notices), at: queue.clock())
            queue.logger.info("alerts queued for the active instance", metadata: ["received": "\(notices.count)"])
            return AlertIntakeSummary(received: notices.count)
        }
        return try await gate.run { try await coordinator.receiveAlerts(notices) }
    }

    /// Takes what standby instances queued, oldest first, and handles it as if it had just arrived; returns how
    /// many webhook calls it handled. Throws `LeaseLost` when this instance is no longer active.
    public func drainQueue(limit: Int = 20) async throws -> Int {
        guard let queue, let epoch = queue.fence.status.lease?.epoch, queue.fence.mayAct() else { return 0 }
        let calls = try await queue.store.takeQueuedAlerts(holder: queue.fence.instance, epoch: epoch, limit: limit)
        for (index, call) in calls.enumerated() {
            let notices: [AlertNotice]
            do { notices = try Self.decode(call.payload) } catch {
                queue.logger.error("a queued alert call could not be read; dropped", metadata: ["error": "\(error)"])
                continue
            }
            do {
                _ = try await gate.run { try await coordinator.receiveAlerts(notices) }
            } catch {
                // The store failed: what was taken and not handled goes back in the queue for the next try.
                for unhandled in calls[index...] {
                    try? await queue.store.queueAlerts(unhandled.payload, at: unhandled.receivedAt)
                }
                throw error
            }
        }
        return calls.count
    }

    static func encode(_ notices: [AlertNotice]) throws -> String {
        String(decoding: try JSONEncoder().encode(notices), as: UTF8.self)
    }

    static func decode(_ payload: String) throws -> [AlertNotice] {
        try JSONDecoder().decode([AlertNotice].self, from: Data(payload.utf8))
    }
}
