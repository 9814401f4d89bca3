import IRC
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle
import SitrepCore

/// The IRC connection of sitrep: runs an `IRCSession` over TLS, paces what it sends, reconnects as
/// `ReconnectPolicy` says (quickly while the server refuses, backing off while it accepts and closes), and leaves
/// with a QUIT on graceful shutdown. A `Service` for swift-service-lifecycle.
///
/// Application code reads `events` (in batches: everything one socket read or one timer tick produced, so the
/// application takes one hand-off per read, not one per line) and calls `say`, `join`, `part`, `send`; it never
/// sees a socket.
public actor IRCClient: Service {
    typealias Session = IRCSession<ContinuousClock.Instant>

    /// Everything the session reports, in order, a batch per socket read (or tick, or request). Finishes when the
    /// client stops for good.
    public nonisolated let events: AsyncStream<[IRCEvent]>
    private let eventSink: AsyncStream<[IRCEvent]>.Continuation
    /// Events of the actions being applied, handed on together when they are done (`flushEvents`).
    private var pendingEvents: [IRCEvent] = []
    public nonisolated let configuration: IRCClientConfiguration
    private let logger: Logger
    private let eventLoopGroup: any EventLoopGroup
    private let clock = ContinuousClock()

    private var session: Session
    private var queue = OutboundQueue()
    private var bucket: TokenBucket<ContinuousClock.Instant>
    private var reconnect: ReconnectPolicy
    private var attempt: ConnectionAttempt<ContinuousClock.Instant>?
    private var random = SystemRandomNumberGenerator()
    /// Rung whenever the writer may have something new to send; one per connection.
    private var doorbell: AsyncStream<Void>.Continuation?
    private var nextTick: ContinuousClock.Instant?
    private var outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>?
    private var shuttingDown = false
    /// Connections that completed registration so far (1 after the first, +1 per reconnect).
    public private(set) var registrations = 0
    /// The nick and the roster as of the last read applied, for readers that must not wait behind a flood.
    public nonisolated let view: IRCClientView

    public init(
        configuration: IRCClientConfiguration, logger: Logger,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        self.logger = logger
        self.eventLoopGroup = eventLoopGroup
        self.session = Session(configuration: configuration.session)
        self.view = IRCClientView(.init(currentNick: session.currentNick, roster: session.roster))
        self.bucket = TokenBucket(
            burst: configuration.pacingBurst, ratePerSecond: configuration.pacingLinesPerSecond, now: ContinuousClock.now)
        self.reconnect = ReconnectPolicy(
            settings: .init(initial: configuration.reconnectInitialDelay, maximum: configuration.reconnectMaximumDelay))
        (events, eventSink) = AsyncStream.makeStream(of: [IRCEvent].self)
    }

    // MARK: - What the application may ask

    /// True while registered on the server.
    public var isRegistered: Bool { session.isRegistered }
    /// Lines waiting for their turn under the pacing limit.
    public var outboundQueueDepth: Int { queue.count }
    /// The nick the server knows us by.
    public var currentNick: String { session.currentNick }
    /// What the session knows of channels and their members.
    public var roster: ChannelRoster { session.roster }
    public var isupport: ISupport { session.isupport }

    /// Sends a raw message through the paced queue. Like everything the application sends, it waits until the
    /// connection is ready (registered, channels rejoined) and survives a lost connection; `.control` (or
    /// `.immediate`) puts it ahead of chat lines, never ahead of registration.
    public func send(_ message: IRCMessage, priority: OutboundPriority = .chat) {
        enqueue(message, priority: priority, from: .application)
    }

    /// Sends chat text as NOTICE (or PRIVMSG), split into lines that fit after the server adds our prefix.
    /// `priority` `.control` puts it ahead of ordinary chat lines (pages must not wait behind replies); it still
    /// waits for registration and is kept across a reconnect.
    public func say(_ text: String, to target: String, notice: Bool = true, priority: OutboundPriority = .chat) {
        let command = notice ? "NOTICE" : "PRIVMSG"
        for chunk in session.textSplitter(command: command, target: target).split(text) {
            enqueue(IRCMessage(command: command, parameters: [target, chunk]), priority: priority, from: .application)
        }
    }

    public func join(_ channel: String) {
        apply(session.join(channel))
    }

    /// Runs `body` on the client: several `say`, `send`, `join` and `part` calls in one hand-off (a reply of
    /// several lines waits for the client once, not once per line, while a flood keeps the client busy).
    public func batch(_ body: @Sendable (isolated IRCClient) -> Void) {
        body(self)
    }

    public func part(_ channel: String, reason: String? = nil) {
        apply(session.part(channel, reason: reason))
    }

    // MARK: - Service

    public func run() async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await self.connectLoop() }
            group.addTask {
                try await gracefulShutdown()
                if await self.beginShutdown() {
                    try await Task.sleep(for: .seconds(5))
                }
            }
            _ = try await group.next()
            group.cancelAll()
        }
        flushEvents()
        eventSink.finish()
        logger.info("irc client stopped")
    }

    private func connectLoop() async {
        var previous: ReconnectPolicy.Ending?
        while !shuttingDown && !Task.isCancelled {
            attempt = ConnectionAttempt(startedAt: clock.now)
            var failure: (any Error)?
            do {
                try await runOneConnection()
            } catch {
                failure = error
            }
            let now = clock.now
            let ending = attempt?.ending(at: now, error: failure) ?? .refused
            // While the server is down every attempt is refused: say so once, not twice a second.
            let repeated = ending == .refused && previous == .refused
            if let failure { logConnectionEnd(failure, quietly: repeated) }
            connectionEnded(reason: failure.map { "\($0)" } ?? "closed")
            if shuttingDown || Task.isCancelled { return }
            let delay = reconnect.delay(after: ending, attemptLasted: attempt?.lasted(at: now) ?? .zero, using: &random)
            previous = ending
            logger.log(
                level: repeated ? .debug : .info, "reconnecting",
                metadata: ["in_ms": "\(delay.milliseconds)", "after": "\(ending)", "failures": "\(reconnect.failures)"])
            do { try await Task.sleep(for: delay) } catch { return }
        }
    }

    private func runOneConnection() async throws {
        let settings = configuration
        if settings.tls.enabled && settings.tls.insecure {
            logger.warning("TLS certificate verification is DISABLED by configuration (tls.insecure: true)")
        } else if !settings.tls.enabled {
            logger.warning("connecting WITHOUT TLS by configuration (tls.enabled: false)")
        }
        let sslContext = settings.tls.enabled ? try TLSContextFactory.makeContext(for: settings.tls) : nil
        let hostname = TLSContextFactory.serverHostname(for: settings.host)
        logger.info("connecting", metadata: ["host": "\(settings.host)", "port": "\(settings.port)"])
        let channel = try await ClientBootstrap(group: eventLoopGroup)
            .connectTimeout(.nanoseconds(settings.connectTimeout.nanosecondsClamped))
            .channelOption(ChannelOptions.socketOption(.so_keepalive), value: 1)
            .connect(host: settings.host, port: settings.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        let handler = try NIOSSLClientHandler(context: sslContext, serverHostname: hostname)
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        try await channel.executeThenClose { inbound, outbound in
            let doorbell = try self.connectionOpened(outbound)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.readLoop(inbound) }
                group.addTask { try await self.writeLoop(outbound, doorbell: doorbell) }
                group.addTask { try await self.tickLoop() }
                _ = try await group.next()
                group.cancelAll()
            }
        }
    }

    // MARK: - The three loops of a connection

    private nonisolated func readLoop(_ inbound: NIOAsyncChannelInboundStream<ByteBuffer>) async throws {
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

    private nonisolated func writeLoop(
        _ outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>, doorbell: AsyncStream<Void>
    ) async throws {
        var rings = doorbell.makeAsyncIterator()
        while true {
            switch await nextOutboundStep() {
            case .send(let buffer):
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

    private nonisolated func tickLoop() async throws {
        while true {
            let deadline = await nextTickDeadline()
            try await Task.sleep(until: deadline, tolerance: .milliseconds(50), clock: .continuous)
            try await tick()
            await wakeWriterForBackground()
        }
    }

    // MARK: - Running the session's actions

    private func connectionOpened(_ writer: NIOAsyncChannelOutboundWriter<ByteBuffer>) throws -> AsyncStream<Void> {
        attempt?.accepted(at: clock.now)
        outbound = writer
        // Servers count flood limits per connection: a new connection starts with a full bucket.
        bucket = TokenBucket(
            burst: configuration.pacingBurst, ratePerSecond: configuration.pacingLinesPerSecond, now: clock.now)
        let (stream, ring) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        doorbell = ring
        try apply(session.connectionEstablished(now: clock.now), throwing: true)
        return stream
    }

    private func received(_ messages: [IRCMessage]) async throws {
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

    private func tick() async throws {
        guard let nextTick, nextTick <= clock.now else { return }
        var immediate: [ByteBuffer] = []
        defer { flushEvents() }
        try apply(session.tick(now: clock.now), throwing: true, immediate: &immediate)
        if let outbound, !immediate.isEmpty { try await outbound.write(contentsOf: immediate) }
    }

    private func nextTickDeadline() -> ContinuousClock.Instant {
        let fallback = clock.now.advanced(by: .seconds(1))
        return min(nextTick ?? fallback, fallback)
    }

    private func apply(_ actions: [Session.Action]) {
        var immediate: [ByteBuffer] = []
        defer { flushEvents() }
        try? apply(actions, throwing: false, immediate: &immediate)
        queueImmediate(immediate)
    }

    private func apply(_ actions: [Session.Action], throwing: Bool) throws {
        var immediate: [ByteBuffer] = []
        defer { flushEvents() }
        try apply(actions, throwing: throwing, immediate: &immediate)
        queueImmediate(immediate)
    }

    /// Hands the events of the actions just applied to the application, as one batch.
    /// An event may make queued lines sendable (registered, rejoined): the writer is woken here, once per batch,
    /// not once per chat line.
    private func flushEvents() {
        view.publish(currentNick: session.currentNick, roster: session.roster)
        guard !pendingEvents.isEmpty else { return }
        wakeWriter()
        eventSink.yield(pendingEvents)
        pendingEvents.removeAll(keepingCapacity: true)
    }

    /// Runs the session's actions; immediate lines are collected for the caller to write at once.
    private func apply(_ actions: [Session.Action], throwing: Bool, immediate: inout [ByteBuffer]) throws {
        for action in actions {
            switch action {
            case .send(let message, .immediate):
                if let line = encode(message) { immediate.append(line) }
            case .send(let message, let priority):
                enqueue(message, priority: priority, from: .session)
            case .emit(let event):
                noteRegistration(event)
                pendingEvents.append(event)
            case .scheduleTick(let instant):
                nextTick = instant
            case .disconnect(let reason):
                logger.warning("disconnecting", metadata: ["reason": "\(reason)"])
                if throwing { throw IRCClientError.sessionRequestedDisconnect(reason) }
            case .log(let level, let text):
                logger.log(level: level.swiftLogLevel, "\(text)")
            }
        }
    }

    /// Immediate lines produced outside a connection task (e.g. by `join`): sent first by the writer.
    private func queueImmediate(_ lines: [ByteBuffer]) {
        guard !lines.isEmpty else { return }
        pendingImmediate.append(contentsOf: lines)
        wakeWriter()
    }

    private var pendingImmediate: [ByteBuffer] = []

    private func noteRegistration(_ event: IRCEvent) {
        if case .registered = event.kind {
            registrations += 1
            attempt?.registered(at: clock.now)
        }
    }

    private func enqueue(_ message: IRCMessage, priority: OutboundPriority, from origin: OutboundQueue.Origin) {
        if priority == .immediate, origin == .session, let line = encode(message) {
            queueImmediate([line])
            return
        }
        queue.enqueue(message, priority: priority, from: origin)
        wakeWriter()
    }

    private func wakeWriter() {
        doorbell?.yield(())
    }

    private func encode(_ message: IRCMessage) -> ByteBuffer? {
        do {
            return ByteBuffer(bytes: try IRCMessageSerializer.serializeLine(message))
        } catch {
            logger.error("dropped an outgoing line that cannot be sent", metadata: ["error": "\(error)"])
            return nil
        }
    }

    enum OutboundStep {
        case send(ByteBuffer)
        case wait(Duration)
        case idle
        case finish
    }

    /// What a background line (an INVITE) costs of the pacing budget: InspIRCd charges an INVITE four lines of
    /// fakelag. Sent only from a full budget, that cost comes out of idle time: the server never holds a later
    /// reply behind it.
    static let backgroundLineCost = 4

    /// Wakes the writer when a background line waits and the budget is full again (checked every tick).
    private func wakeWriterForBackground() {
        guard queue.nextIsBackground(allowingChat: session.isReadyForChat),
            bucket.delayUntilFull(now: clock.now) == .zero
        else { return }
        wakeWriter()
    }

    /// The writer's next move: a line when pacing allows, a wait, or the end after a QUIT.
    private func nextOutboundStep() -> OutboundStep {
        while true {
            if !pendingImmediate.isEmpty { return .send(pendingImmediate.removeFirst()) }
            if outbound != nil, queue.hasLine(allowingChat: session.isReadyForChat) {
                if queue.nextIsBackground(allowingChat: session.isReadyForChat), !shuttingDown {
                    // Waits for a full budget without holding the writer: a reply queued meanwhile goes first; the
                    // tick loop rings once the budget is full.
                    guard bucket.delayUntilFull(now: clock.now) == .zero else { return .idle }
                    bucket.take(Self.backgroundLineCost, now: clock.now)
                } else {
                    let delay = bucket.delayUntilNextToken(now: clock.now)
                    if delay > .zero { return .wait(delay) }
                    _ = bucket.tryTake(now: clock.now)
                }
                if let message = queue.dequeue(allowingChat: session.isReadyForChat), let line = encode(message) {
                    return .send(line)
                }
                continue
            }
            return shuttingDown ? .finish : .idle
        }
    }

    // MARK: - Ending

    private func connectionEnded(reason: String) {
        flushEvents()
        if session.isRegistered { eventSink.yield([IRCEvent(.connectionLost(reason: reason))]) }
        outbound = nil
        doorbell?.finish()
        doorbell = nil
        nextTick = nil
        pendingImmediate.removeAll()
        session.connectionClosed()
        let waiting = queue.connectionLost()
        if waiting > 0 { logger.notice("lines waiting for the next connection", metadata: ["count": "\(waiting)"]) }
    }

    /// Starts a graceful exit: QUIT, flush, close. Returns true when a connection must be flushed first.
    private func beginShutdown() -> Bool {
        shuttingDown = true
        guard outbound != nil, session.isRegistered else {
            wakeWriter()
            return false
        }
        logger.info("leaving the network", metadata: ["message": "\(configuration.quitMessage)"])
        if let line = encode(IRCMessage(command: "QUIT", parameters: [configuration.quitMessage])) {
            pendingImmediate.append(line)
        }
        wakeWriter()
        return true
    }

    private func logConnectionEnd(_ error: any Error, quietly: Bool) {
        if shuttingDown { return }
        if quietly {
            logger.debug("connection ended", metadata: ["error": "\(error)"])
            return
        }
        if let sslError = error as? NIOSSLError {
            logger.error(
                "TLS failed; check the server certificate or set tls.ca_file",
                metadata: ["error": "\(sslError)", "host": "\(configuration.host)"])
        } else {
            logger.warning("connection ended", metadata: ["error": "\(error)"])
        }
    }
}
