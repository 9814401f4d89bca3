import SitrepCore
@testable import IRC

/// Drives an `IRCSession` with raw server lines and a manual clock, and renders what it sends as raw lines.
struct SessionDriver {
    var session: IRCSession<ManualInstant>
    var now = ManualInstant.zero
    var lastActions: [IRCSession<ManualInstant>.Action] = []

    init(_ configuration: IRCSessionConfiguration) {
        session = IRCSession(configuration: configuration)
    }

    static func plain(
        nick: String = "sitrep", channels: [String] = ["#ops"], sasl: IRCSessionConfiguration.SASL = .none
    ) -> SessionDriver {
        SessionDriver(IRCSessionConfiguration(nick: nick, sasl: sasl, channels: channels))
    }

    @discardableResult
    mutating func connect() -> [String] {
        lastActions = session.connectionEstablished(now: now)
        return sent
    }

    /// Feeds one raw server line; returns the lines the session sends in answer.
    @discardableResult
    mutating func receive(_ raw: String) -> [String] {
        lastActions = session.messageReceived(parse(raw), now: now)
        return sent
    }

    @discardableResult
    mutating func advance(by duration: Duration) -> [String] {
        now = now.advanced(by: duration)
        lastActions = session.tick(now: now)
        return sent
    }

    /// Registers with a server that offers `capabilities` (no SASL), through 001 and end of MOTD.
    mutating func register(capabilities: String = "", isupport: String = "CASEMAPPING=rfc1459 CHANTYPES=# PREFIX=(ov)@+") {
        connect()
        receive(":irc.test CAP * LS :\(capabilities)")
        if !capabilities.isEmpty { receive(":irc.test CAP * ACK :\(capabilities)") }
        receive(":irc.test 001 \(session.currentNick) :Welcome")
        receive(":irc.test 005 \(session.currentNick) \(isupport) :are supported by this server")
        receive(":irc.test 376 \(session.currentNick) :End of MOTD")
    }

    var sent: [String] {
        lastActions.compactMap {
            if case .send(let message, _) = $0 { return render(message) }
            return nil
        }
    }

    var priorities: [OutboundPriority] {
        lastActions.compactMap {
            if case .send(_, let priority) = $0 { return priority }
            return nil
        }
    }

    var events: [IRCEvent] {
        lastActions.compactMap {
            if case .emit(let event) = $0 { return event }
            return nil
        }
    }

    var eventKinds: [IRCEvent.Kind] { events.map(\.kind) }

    var disconnectReason: IRCDisconnectReason? {
        for action in lastActions { if case .disconnect(let reason) = action { return reason } }
        return nil
    }

    var scheduledTick: ManualInstant? {
        for action in lastActions { if case .scheduleTick(let at) = action { return at } }
        return nil
    }

    var logs: [String] {
        lastActions.compactMap {
            if case .log(_, let text) = $0 { return text }
            return nil
        }
    }
}

/// Parses a raw server line with the real codec.
func parse(_ raw: String) -> IRCMessage {
    do {
        return try IRCMessageParser.parse(raw)
    } catch {
        preconditionFailure("test line does not parse: \(raw) (\(error))")
    }
}

/// Renders a message the way it would look on the wire, for readable assertions.
func render(_ message: IRCMessage) -> String {
    var parts = [message.command]
    for (index, parameter) in message.parameters.enumerated() {
        let isLast = index == message.parameters.count - 1
        if isLast && (parameter.isEmpty || parameter.contains(" ") || parameter.hasPrefix(":")) {
            parts.append(":" + parameter)
        } else {
            parts.append(parameter)
        }
    }
    return parts.joined(separator: " ")
}
