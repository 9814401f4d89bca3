extension IRCSession {
    mutating func handleCapability(_ message: IRCMessage, into actions: inout [Action]) {
        guard message.parameters.count >= 3 else { return }
        let subcommand = message.parameters[1].uppercased()
        let isContinued = message.parameters.count >= 4 && message.parameters[2] == "*"
        let list = message.parameters.last ?? ""
        switch subcommand {
        case "LS":
            for (name, value) in CapabilityNegotiation.parseList(list) { availableCapabilities[name] = value }
            if isContinued { return }
            requestWanted(from: Array(availableCapabilities.keys), into: &actions)
        case "ACK":
            for (name, _) in CapabilityNegotiation.parseList(list) {
                if name.hasPrefix("-") {
                    enabledCapabilities.remove(String(name.dropFirst()))
                } else {
                    enabledCapabilities.insert(name)
                }
            }
            requestAnswered(into: &actions)
        case "NAK":
            actions.append(.log(.notice, "server refused capabilities: \(list)"))
            requestAnswered(into: &actions)
        case "NEW":
            let offered = CapabilityNegotiation.parseList(list)
            for (name, value) in offered { availableCapabilities[name] = value }
            requestWanted(from: offered.map(\.name), into: &actions)
        case "DEL":
            for (name, _) in CapabilityNegotiation.parseList(list) {
                availableCapabilities[name] = nil
                enabledCapabilities.remove(name)
            }
        default:
            break
        }
    }

    /// Sends `CAP REQ` for the wanted capabilities among `offered`, or ends negotiation when none is wanted.
    private mutating func requestWanted(from offered: [String], into actions: inout [Action]) {
        let offeredSet = Set(offered)
        var wanted = CapabilityNegotiation.wanted.filter { offeredSet.contains($0) && !enabledCapabilities.contains($0) }
        if configuration.sasl != .none, offeredSet.contains("sasl"), !enabledCapabilities.contains("sasl") {
            wanted.append("sasl")
        }
        let lines = CapabilityNegotiation.requestLines(for: wanted)
        for line in lines {
            actions.append(.send(IRCMessage(command: "CAP", parameters: ["REQ", line]), .immediate))
        }
        capabilityState.outstandingRequests += lines.count
        if capabilityState.outstandingRequests == 0 { afterCapabilityRequests(into: &actions) }
    }

    private mutating func requestAnswered(into actions: inout [Action]) {
        capabilityState.outstandingRequests = max(0, capabilityState.outstandingRequests - 1)
        if capabilityState.outstandingRequests == 0 { afterCapabilityRequests(into: &actions) }
    }

    /// All REQs are answered: authenticate when configured, otherwise end negotiation.
    private mutating func afterCapabilityRequests(into actions: inout [Action]) {
        guard phase == .negotiatingCapabilities else { return }
        if let mechanism = configuration.sasl.mechanismName {
            guard enabledCapabilities.contains("sasl"), saslMechanismOffered(mechanism) else {
                let offered = (availableCapabilities["sasl"] ?? "").split(separator: ",").map(String.init)
                let reason = IRCDisconnectReason.saslUnavailable(mechanism: mechanism, offered: offered)
                if configuration.sasl.isRequired, availableCapabilities["sasl"] == nil, let connectedAt {
                    // Not offered at all (rather than without our mechanism): services may be relinking. CAP LS
                    // 302 implies cap-notify, so hold registration open for CAP NEW instead of reconnecting.
                    if !capabilityState.waitingForSASLOffer {
                        capabilityState.waitingForSASLOffer = true
                        let wait = Self.saslOfferWait
                        let text =
                            "the server does not offer SASL yet (services not linked?); waiting up to \(wait) for it"
                        actions.append(.log(.notice, text))
                        actions.append(.scheduleTick(at: connectedAt.advanced(by: wait)))
                    }
                    return
                }
                if configuration.sasl.isRequired {
                    actions.append(.disconnect(reason))
                    return
                }
                actions.append(.log(.warning, "\(reason); continuing without authentication"))
                endCapabilityNegotiation(into: &actions)
                return
            }
            startSASL(mechanism: mechanism, into: &actions)
            return
        }
        endCapabilityNegotiation(into: &actions)
    }

    /// How long after connecting registration is held for a required SASL the server does not offer yet.
    static var saslOfferWait: Duration { .seconds(10) }

    private func saslMechanismOffered(_ mechanism: String) -> Bool {
        guard let value = availableCapabilities["sasl"], !value.isEmpty else { return true }
        return value.split(separator: ",").contains { $0.uppercased() == mechanism }
    }

    mutating func endCapabilityNegotiation(into actions: inout [Action]) {
        guard !capabilityState.ended else { return }
        capabilityState.ended = true
        if phase != .registered { phase = .awaitingWelcome }
        actions.append(.send(IRCMessage(command: "CAP", parameters: ["END"]), .immediate))
    }

    /// The server answered `CAP` with 421: it predates IRCv3; registration goes on without capabilities.
    mutating func capabilitiesUnsupported(into actions: inout [Action]) {
        capabilityState.ended = true
        capabilityState.waitingForSASLOffer = false
        if phase == .negotiatingCapabilities { phase = .awaitingWelcome }
        if configuration.sasl.isRequired, let mechanism = configuration.sasl.mechanismName {
            actions.append(.disconnect(.saslUnavailable(mechanism: mechanism, offered: [])))
        }
    }
}
