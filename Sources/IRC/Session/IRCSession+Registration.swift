extension IRCSession {
    /// Routes one server line to the rule that handles it.
    mutating func handle(_ message: IRCMessage, now: Instant, into actions: inout [Action]) {
        // Nearly every line is a chat line: it skips the registration rules below.
        if message.command == "PRIVMSG" || message.command == "NOTICE" { return chatMessage(message, into: &actions) }
        switch message.command {
        case "PING":
            actions.append(.send(IRCMessage(command: "PONG", parameters: message.parameters.suffix(1)), .immediate))
        case "PONG":
            _ = keepalive.pongReceived(token: message.parameters.last, now: now)
        case "CAP":
            handleCapability(message, into: &actions)
        case "AUTHENTICATE", "900", "901", "902", "903", "904", "905", "906", "907", "908":
            handleSASL(message, into: &actions)
        case "001":
            welcomed(message, into: &actions)
        case "005":
            handleISupport(message, into: &actions)
        case "376", "422":
            joinWantedChannels(now: now, into: &actions)
        case "396":
            hostDisplayed(message)
        case "432", "433", "436", "437":
            nickRefused(message, into: &actions)
        case "730", "731":
            monitorReply(message, into: &actions)
        case "ERROR":
            actions.append(.disconnect(.serverError(message.parameters.last ?? "")))
        case "421" where message.parameter(1) == "CAP":
            capabilitiesUnsupported(into: &actions)
        case "FAIL", "WARN":
            actions.append(.log(.warning, "server \(message.command): \(message.parameters.joined(separator: " "))"))
        case "465", "463", "464":
            actions.append(.log(.error, "server refused us: \(message.parameters.last ?? message.command)"))
        default:
            handleNetworkEvent(message, now: now, into: &actions)
        }
    }

    private mutating func welcomed(_ message: IRCMessage, into actions: inout [Action]) {
        let nick = message.parameter(0) ?? currentNick
        currentNick = nick
        phase = .registered
        actions.append(.emit(IRCEvent(.registered(nick: nick))))
        actions.append(.log(.info, "registered as \(nick)"))
        if roster.key(nick) != roster.key(configuration.nick) {
            actions.append(.send(IRCMessage(command: "MONITOR", parameters: ["+", configuration.nick]), .control))
        }
    }

    private mutating func handleISupport(_ message: IRCMessage, into actions: inout [Action]) {
        guard message.parameters.count >= 3 else { return }
        isupport.apply(tokens: message.parameters.dropFirst().dropLast())
        roster.rekey(casemapping: isupport.casemapping)
        if isRegistered, !modeSetForBot, let mode = isupport.botMode {
            modeSetForBot = true
            actions.append(.send(IRCMessage(command: "MODE", parameters: [currentNick, "+\(mode)"]), .control))
        }
    }

    /// Joins every wanted channel once registration is complete (end of MOTD), several per line, and waits
    /// for their member lists (`.synced`).
    mutating func joinWantedChannels(now: Instant, into actions: inout [Action]) {
        guard isRegistered, !joinedWantedChannels else { return }
        joinedWantedChannels = true
        for group in Self.joinGroups(wantedChannels) {
            actions.append(.send(IRCMessage(command: "JOIN", parameters: [group]), .control))
        }
        awaitMembers(of: wantedChannels, now: now, into: &actions)
    }

    /// Comma-joined channel lists that each fit in one JOIN line.
    static func joinGroups(_ channels: [String], limit: Int = 400) -> [String] {
        ParameterPacking.pack(channels, separator: ",", limit: limit)
    }

    private mutating func nickRefused(_ message: IRCMessage, into actions: inout [Action]) {
        guard !isRegistered else {
            actions.append(.log(.info, "nick change refused: \(message.parameters.last ?? message.command)"))
            return
        }
        let candidates = [configuration.nick] + configuration.alternateNicks
        nickAttempt += 1
        guard nickAttempt < candidates.count else {
            actions.append(.disconnect(.noUsableNick))
            return
        }
        let refused = currentNick
        currentNick = candidates[nickAttempt]
        actions.append(.log(.warning, "nick \(refused) refused (\(message.command)); trying \(currentNick)"))
        actions.append(.send(IRCMessage(command: "NICK", parameters: [currentNick]), .immediate))
    }

    /// MONITOR told us the primary nick is free again: take it back.
    private mutating func monitorReply(_ message: IRCMessage, into actions: inout [Action]) {
        guard message.command == "731", isRegistered, roster.key(currentNick) != roster.key(configuration.nick) else {
            return
        }
        let targets = (message.parameters.last ?? "").split(separator: ",").map { String($0.split(separator: "!")[0]) }
        if targets.contains(where: { roster.key($0) == roster.key(configuration.nick) }) {
            actions.append(.send(IRCMessage(command: "NICK", parameters: [configuration.nick]), .control))
        }
    }
}
