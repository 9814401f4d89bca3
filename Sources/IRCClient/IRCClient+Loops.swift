import IRC
import NIOCore

/// The three loops of a connection — reading, writing under the pacing budget, and the session's timer ticks — and
/// the client's side of each step.
extension IRCClient {
    nonisolated func readLoop(_ inbound: NIOAsyncChannelInboundStream<ByteBuffer>) async throws {
        var framer = IRCLineFramer()
        var messages: [IRCMessage] = []
        for try await buffer in inbound {
            framer.append(buffer.readableBytesView)
            messages.removeAll(keepingCapacity: true)
            while let line = framer.nextLine() {
                do {
                    messages.append(try IRCMessageParser.parse(line))
                } catch {
                    logger.notice("skipped malformed line from server", metadata: ["error": "\(error)"])
                }
            }
            if !messages.isEmpty { try await received(messages) }
        }
        throw IRCClientError.closedByServer
    }

    nonisolated func writeLoop(
        _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, doorbell: AsyncStream<Void>
    ) async throws {
        var rings = doorbell.makeAsyncIterator()
        while true {
            switch await nextOutboundStep() {
            case .line(let buffer):
                try await outbound.write(buffer)
            case .wait(let delay):
                try await Task.sleep(for: delay)
            case .idle:
                guard await rings.next() != nil else { return }
            case .finish:
                outbound.finish()
                throw CancellationError()
            }
        }
    }

    nonisolated func tickLoop() async throws {
        while true {
            let deadline = await nextTickDeadline()
            try await Task.sleep(until: deadline, tolerance: .milliseconds(50), clock: .continuous)
            try await tick()
            await wakeWriterForBackground()
        }
    }

    // MARK: - Their steps on the client

    func received(_ messages: [IRCMessage]) async throws {
        var immediate: [ByteBuffer] = []
        let wasReady = session.isReadyForChat
        defer { flushEvents() }
        // One reading of the clock per socket read: the lines of one read arrived together.
        let now = clock.now
        var actions: [Session.Action] = []
        // By index: `for message in messages` would copy (retain and release) each message's fields.
        for index in messages.indices {
            attempt?.heard(messages[index])
            actions.removeAll(keepingCapacity: true)
            session.messageReceived(messages[index], now: now, into: &actions)
            try apply(actions, throwing: true, immediate: &immediate)
        }
        // Lines the application queued meanwhile may go now (even when there was no channel to rejoin).
        if !wasReady && session.isReadyForChat { wakeWriter() }
        if let outbound, !immediate.isEmpty { try await outbound.write(contentsOf: immediate) }
    }

    func tick() async throws {
        guard let nextTick, nextTick <= clock.now else { return }
        var immediate: [ByteBuffer] = []
        defer { flushEvents() }
        try apply(session.tick(now: clock.now), throwing: true, immediate: &immediate)
        if let outbound, !immediate.isEmpty { try await outbound.write(contentsOf: immediate) }
    }

    func nextTickDeadline() -> ContinuousClock.Instant {
        let fallback = clock.now.advanced(by: .seconds(1))
        return min(nextTick ?? fallback, fallback)
    }

    /// Wakes the writer when a background line waits and the budget is full again (checked every tick).
    func wakeWriterForBackground() {
        if pacer.backgroundLineIsDue(now: clock.now, readyForChat: session.isReadyForChat) { wakeWriter() }
    }

    /// The writer's next move (see `OutboundPacer`); a queued message that cannot be encoded is dropped (logged).
    func nextOutboundStep() -> OutboundPacer.Step {
        pacer.nextStep(
            now: clock.now, connected: outbound != nil, readyForChat: session.isReadyForChat,
            shuttingDown: shuttingDown, encode: encode)
    }
}
