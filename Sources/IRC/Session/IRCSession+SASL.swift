extension IRCSession {
    mutating func startSASL(mechanism: String, into actions: inout [Action]) {
        phase = .authenticating
        capabilityState.waitingForSASLOffer = false
        saslState.step = .awaitingChallenge
        actions.append(.send(IRCMessage(command: "AUTHENTICATE", parameters: [mechanism]), .immediate))
    }

    mutating func handleSASL(_ message: IRCMessage, into actions: inout [Action]) {
        switch message.command {
        case "AUTHENTICATE":
            guard saslState.step == .awaitingChallenge, message.parameter(0) == "+" else { return }
            saslState.step = .awaitingResult
            for chunk in saslResponseChunks() {
                actions.append(.send(IRCMessage(command: "AUTHENTICATE", parameters: [chunk]), .immediate))
            }
        case "900":
            loggedInAccount = message.parameter(2)
        case "901":
            loggedInAccount = nil
        case "903", "907":
            guard saslState.step != .succeeded else { return }
            saslState.step = .succeeded
            let account = loggedInAccount ?? configuredAccount ?? currentNick
            actions.append(.emit(IRCEvent(.authenticated(account: account))))
            actions.append(.log(.info, "SASL authentication succeeded as \(account)"))
            endCapabilityNegotiation(into: &actions)
        case "908":
            actions.append(.log(.notice, "server SASL mechanisms: \(message.parameter(1) ?? "")"))
        default:
            saslFailed(detail: message.parameters.last ?? message.command, into: &actions)
        }
    }

    private var configuredAccount: String? {
        if case .plain(let account, _, _) = configuration.sasl { return account }
        return nil
    }

    /// The base64 credentials for the configured mechanism, in 400-byte `AUTHENTICATE` chunks.
    private func saslResponseChunks() -> [String] {
        switch configuration.sasl {
        case .none, .external:
            return ["+"]
        case .plain(let account, let password, _):
            return SASLPayload.authenticateArguments(for: SASLPayload.plain(account: account, password: password))
        }
    }

    private mutating func saslFailed(detail: String, into actions: inout [Action]) {
        guard saslState.step != .failed, saslState.step != .succeeded else { return }
        saslState.step = .failed
        if configuration.sasl.isRequired {
            actions.append(.log(.error, IRCDisconnectReason.saslFailed(detail: detail).description))
            actions.append(.disconnect(.saslFailed(detail: detail)))
            return
        }
        actions.append(.log(.warning, "SASL authentication failed (\(detail)); continuing without an account"))
        endCapabilityNegotiation(into: &actions)
    }
}
