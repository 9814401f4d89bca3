import Foundation
import IRC
import IRCClient
import IncidentRuntime
import Logging
import ServiceLifecycle
import SitrepCore

/// Feeds the IRC client's events to the incident coordinator, in order, as network-neutral chat events; tells
/// it (and the timers) when the connection was interrupted. `HeartbeatService` keeps the heartbeat.
public struct IRCIncidentBridge: Service {
    let client: IRCClient
    let network: IRCChatNetwork
    let coordinator: IncidentCoordinator
    /// Told when the network is up (registered, back in its channels, members known), so deadlines due during
    /// an outage wait for the reconnect.
    let timers: TimerService?
    let logger: Logger
    /// Counts reconnects.
    let metrics: SitrepMetrics

    public init(
        client: IRCClient, network: IRCChatNetwork, coordinator: IncidentCoordinator, timers: TimerService?,
        logger: Logger, metrics: SitrepMetrics = .disabled
    ) {
        self.client = client
        self.network = network
        self.coordinator = coordinator
        self.timers = timers
        self.logger = logger
        self.metrics = metrics
    }

    public func run() async throws {
        try await coordinator.start()
        await cancelWhenGracefulShutdown { await forwardEvents() }
        logger.debug("incident bridge stopped")
    }

    /// Hands each batch of the client's events on in order: the chat events between two connection events go to
    /// the coordinator together (one hand-off per socket read, not one per line).
    private func forwardEvents() async {
        var lostAt: Timestamp?
        var chat: [ChatEvent] = []
        for await batch in client.events {
            if Task.isCancelled { return }
            let now = Self.now()
            chat.removeAll(keepingCapacity: true)
            // By index: iterating the batch by value would copy each event's strings.
            for index in batch.indices {
                if !Self.isConnectionEvent(batch[index]) {
                    batch[index].appendChatEvents(to: &chat, network: network.id, receivedAt: now)
                    continue
                }
                let event = batch[index]
                if !chat.isEmpty { await coordinator.handle(batch: chat) }
                chat.removeAll(keepingCapacity: true)
                await connectionEvent(event, at: now, lostAt: &lostAt)
            }
            if !chat.isEmpty { await coordinator.handle(batch: chat) }
        }
    }

    /// Whether the bridge handles `event` itself (outages, reconnects, a page that found nobody) rather than the
    /// coordinator's chat path.
    private static func isConnectionEvent(_ event: IRCEvent) -> Bool {
        switch event.kind {
        case .connectionLost, .registered, .synced, .noSuchNick: true
        default: false
        }
    }

    /// A connection event: outages and reconnects told to the coordinator and the timers, a page that found
    /// nobody.
    private func connectionEvent(_ event: IRCEvent, at now: Timestamp, lostAt: inout Timestamp?) async {
        switch event.kind {
        case .connectionLost:
            lostAt = lostAt ?? now
            timers?.setConnected(false, network: network.id)
        case .registered:
            if let lostAt {
                metrics.reconnected()
                await coordinator.connectionInterrupted(from: lostAt, to: now)
            }
            lostAt = nil
        case .synced:
            // Deadlines wait until the bot is back in its channels and knows who is who there, so a page due
            // during the outage goes to the person's current nick rather than to their account name.
            timers?.setConnected(true, network: network.id)
        case .noSuchNick(let nick):
            // A page (or its invitation) went to a nick nobody has: the page failed.
            await coordinator.pageUndeliverable(to: nick, at: now)
        default:
            break
        }
    }

    /// The wall clock as a `Timestamp`.
    @Sendable public static func now() -> Timestamp {
        Timestamp(milliseconds: Int64((Date().timeIntervalSince1970 * 1000).rounded()))
    }
}
