/// The IRC client protocol as a pure state machine: registration, capability negotiation, SASL, nick
/// collisions, keepalive, and tracking of channels, members and identities.
///
/// The transport feeds it facts (`connectionEstablished`, `messageReceived`, `tick`, `connectionClosed`) and
/// runs the `Action`s it returns: send a line, emit an event, schedule the next tick, or drop the connection.
/// It never does I/O and never reads a clock; time is passed in, so every rule is tested without a socket.
public struct IRCSession<Instant: InstantProtocol>: Sendable where Instant.Duration == Duration {
    /// What the transport must do next.
    public enum Action: Sendable, Equatable {
        /// Send a line, through the paced queue at the given priority.
        case send(IRCMessage, OutboundPriority)
        /// Report an event to the application.
        case emit(IRCEvent)
        /// Call `tick(now:)` at this instant (replaces any earlier schedule).
        case scheduleTick(at: Instant)
        /// Close the connection; the transport reconnects with backoff.
        case disconnect(IRCDisconnectReason)
        /// Something an operator should see in the log.
        case log(IRCLogLevel, String)
    }

    /// Where the connection stands.
    public enum Phase: Sendable, Equatable {
        case disconnected
        /// Connected, CAP/NICK/USER sent; waiting for the capability list.
        case negotiatingCapabilities
        /// SASL in progress.
        case authenticating
        /// CAP END sent (or no CAP support); waiting for 001.
        case awaitingWelcome
        case registered
    }

    public let configuration: IRCSessionConfiguration
    public internal(set) var phase: Phase = .disconnected
    /// The nick the server knows us by (or the one we are trying to register).
    public internal(set) var currentNick: String
    /// Our own `nick!user@host` as the server shows it to others, once seen on this connection (for splitting long
    /// replies; see `textSplitter(command:target:)`). Nil after a reconnect until the server shows it again.
    public internal(set) var ownSource: IRCSource?
    /// The host the server announced for us with 396 on this connection (a cloak), before we saw our full prefix.
    public internal(set) var displayedHost: String?
    public internal(set) var isupport = ISupport()
    public internal(set) var roster = ChannelRoster()
    /// Capabilities the server acknowledged for this connection.
    public internal(set) var enabledCapabilities: Set<String> = [] {
        didSet { lineCapabilities = LineCapabilities(enabledCapabilities) }
    }
    /// The capabilities every chat line asks about, as flags (a set lookup hashes a string; this is a load).
    var lineCapabilities = LineCapabilities([])
    /// Capabilities the server offers, with their values (`sasl` → `PLAIN,EXTERNAL`).
    public internal(set) var availableCapabilities: [String: String] = [:]
    /// The account SASL logged us in to, on this connection.
    public internal(set) var loggedInAccount: String?
    /// Channels to be in: configured ones plus those joined at run time; rejoined after every reconnect.
    public internal(set) var wantedChannels: [String]

    var capabilityState = CapabilityNegotiation()
    var saslState = SASLExchange()
    var nickAttempt = 0
    var keepalive: Keepalive<Instant>
    var openBatches: [String: String] = [:]
    var connectedAt: Instant?
    var joinedWantedChannels = false
    var modeSetForBot = false
    /// After registration: the channels (folded) whose member list is not complete yet; nil once `.synced` went out.
    var awaitingMembers: Set<String>?
    /// When `.synced` goes out even if some member list never completes.
    var membersDeadline: Instant?

    public init(configuration: IRCSessionConfiguration) {
        self.configuration = configuration
        self.currentNick = configuration.nick
        self.wantedChannels = configuration.channels
        self.keepalive = Keepalive(interval: configuration.keepaliveInterval, timeout: configuration.keepaliveTimeout)
    }

    /// True once 001 arrived on the current connection.
    public var isRegistered: Bool { phase == .registered }

    /// True once registered (SASL done, 001) and the wanted channels have been asked for (after the MOTD): the
    /// application's lines (pages, replies) may go from here, behind the JOINs, never before registration.
    public var isReadyForChat: Bool { isRegistered && joinedWantedChannels }

    /// Whether the server acknowledged a capability on this connection.
    public func has(_ capability: String) -> Bool {
        enabledCapabilities.contains(capability)
    }

    // MARK: - Facts from the transport

    /// The TCP/TLS connection is up: start registration.
    public mutating func connectionEstablished(now: Instant) -> [Action] {
        resetConnectionState()
        phase = .negotiatingCapabilities
        connectedAt = now
        keepalive.reset(now: now)
        var actions: [Action] = [
            .send(IRCMessage(command: "CAP", parameters: ["LS", "302"]), .immediate),
            .send(IRCMessage(command: "NICK", parameters: [currentNick]), .immediate),
            .send(IRCMessage(command: "USER", parameters: [configuration.username, "0", "*", configuration.realname]), .immediate),
        ]
        actions.append(.scheduleTick(at: now.advanced(by: min(configuration.registrationTimeout, configuration.keepaliveInterval))))
        return actions
    }

    /// The connection is gone (either side closed it). Channel state is dropped; wanted channels are kept.
    public mutating func connectionClosed() {
        resetConnectionState()
        phase = .disconnected
    }

    /// A line arrived from the server.
    public mutating func messageReceived(_ message: IRCMessage, now: Instant) -> [Action] {
        var actions: [Action] = []
        messageReceived(message, now: now, into: &actions)
        return actions
    }

    /// `messageReceived(_:now:)` appending to `actions` (a reader reuses one array for every line it reads).
    /// Specialized for the continuous clock the client runs on: unspecialized, every line paid for generic
    /// metadata lookups of the session's action types.
    @_specialize(exported: true, where Instant == ContinuousClock.Instant)
    public mutating func messageReceived(_ message: IRCMessage, now: Instant, into actions: inout [Action]) {
        keepalive.heard(now: now)
        handle(message, now: now, into: &actions)
    }

    /// The scheduled time came: check registration and keepalive deadlines.
    public mutating func tick(now: Instant) -> [Action] {
        guard phase != .disconnected else { return [] }
        if phase != .registered, let connectedAt, connectedAt.duration(to: now) >= configuration.registrationTimeout {
            return [.disconnect(.registrationTimeout(configuration.registrationTimeout))]
        }
        if capabilityState.waitingForSASLOffer, let connectedAt, connectedAt.duration(to: now) >= Self.saslOfferWait,
            let mechanism = configuration.sasl.mechanismName
        {
            return [.disconnect(.saslUnavailable(mechanism: mechanism, offered: []))]
        }
        var actions: [Action] = []
        switch keepalive.check(now: now) {
        case .timedOut(let lag):
            return [.disconnect(.pingTimeout(lag))]
        case .sendPing(let token):
            actions.append(.send(IRCMessage(command: "PING", parameters: [token]), .immediate))
        case .wait:
            break
        }
        membersWaitPassed(now: now, into: &actions)
        var next = keepalive.nextDeadline
        if let membersDeadline { next = min(next, membersDeadline) }
        if phase != .registered, let connectedAt {
            next = min(next, connectedAt.advanced(by: configuration.registrationTimeout))
            if capabilityState.waitingForSASLOffer { next = min(next, connectedAt.advanced(by: Self.saslOfferWait)) }
        }
        actions.append(.scheduleTick(at: next))
        return actions
    }

    // MARK: - Requests from the application

    /// Join a channel now (or after registration) and keep it joined across reconnects.
    public mutating func join(_ channel: String) -> [Action] {
        if !wantedChannels.contains(where: { roster.key($0) == roster.key(channel) }) {
            wantedChannels.append(channel)
        }
        guard isRegistered else { return [] }
        return [.send(IRCMessage(command: "JOIN", parameters: [channel]), .control)]
    }

    /// Leave a channel and stop rejoining it.
    public mutating func part(_ channel: String, reason: String? = nil) -> [Action] {
        wantedChannels.removeAll { roster.key($0) == roster.key(channel) }
        guard isRegistered else { return [] }
        return [.send(IRCMessage(command: "PART", parameters: [channel] + (reason.map { [$0] } ?? [])), .control)]
    }

    /// Say goodbye before a graceful shutdown.
    public func quit(message: String) -> Action {
        .send(IRCMessage(command: "QUIT", parameters: [message]), .immediate)
    }

    private mutating func resetConnectionState() {
        roster.removeAll()
        enabledCapabilities = []
        availableCapabilities = [:]
        capabilityState = CapabilityNegotiation()
        saslState = SASLExchange()
        loggedInAccount = nil
        ownSource = nil
        displayedHost = nil
        openBatches = [:]
        nickAttempt = 0
        currentNick = configuration.nick
        joinedWantedChannels = false
        modeSetForBot = false
        awaitingMembers = nil
        membersDeadline = nil
        connectedAt = nil
        isupport = ISupport()
        roster.rekey(casemapping: isupport.casemapping)
    }
}

/// How urgently a line must go out. `immediate` bypasses pacing: PONG, keepalive PING, QUIT, and the few,
/// bounded registration lines (CAP, NICK, USER, AUTHENTICATE) that the server expects at once; `awaited` (the
/// invitation someone who just declared an incident waits for) goes ahead of every other paced line of the
/// application, pages included; `control` (JOIN, MODE, WHO, pages) goes ahead of `chat` in the paced queue;
/// `background` (an INVITE sent with a page) goes only when nothing else waits, so it never delays a reply.
public enum OutboundPriority: Int, Sendable, Comparable {
    case immediate = 0
    case awaited = 1
    case control = 2
    case chat = 3
    case background = 4

    public static func < (lhs: OutboundPriority, rhs: OutboundPriority) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

/// Log levels the pure session uses to tell the transport what to log (mapped onto swift-log at the edge).
public enum IRCLogLevel: Sendable, Equatable {
    case debug, info, notice, warning, error
}
