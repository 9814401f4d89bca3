extension IRCSession {
    /// PRIVMSG and NOTICE: answers CTCP queries, recognises ACTION, marks our own echoes, emits the message.
    mutating func chatMessage(_ message: IRCMessage, into actions: inout [Action]) {
        guard let sender = sender(of: message), let target = message.parameter(0), message.parameters.count >= 2 else {
            return
        }
        let text = message.parameters[1]
        let isNotice = message.command == "NOTICE"
        let channel = isupport.channelName(fromTarget: target).map(String.init)
        let own = isOwn(sender.nick)
        // The capability first: without account-tag there is nothing to learn, and the roster lookup is skipped.
        if lineCapabilities.accountTag, let senderRecord = channel.flatMap({ roster.member(sender.nick, in: $0) }),
            senderRecord.user.account != sender.account
        {
            roster.updateUser(sender.nick) { $0.user.account = sender.account }
        }
        var kind: IRCChatMessage.Kind = isNotice ? .notice : .privmsg
        var body = text
        switch CTCP.parse(text) {
        case .action(let actionText):
            kind = .action
            body = actionText
        case .query(let command, let argument):
            if !isNotice, !own { answerCTCP(command: command, argument: argument, to: sender.nick, into: &actions) }
            return
        case .plain:
            break
        }
        if own, !lineCapabilities.echoMessage { return }
        let chat = IRCChatMessage(
            kind: kind, sender: sender, target: target, channel: channel, text: body,
            isOwnEcho: own, label: own ? message.tag("label") : nil
        )
        actions.append(event(.message(chat), from: message))
    }

    /// Replies to CTCP VERSION and PING with a NOTICE; other queries are ignored.
    private func answerCTCP(command: String, argument: String?, to nick: String, into actions: inout [Action]) {
        switch command {
        case "VERSION": actions.append(.send(CTCP.versionReply(to: nick, version: configuration.versionReply), .control))
        case "PING": actions.append(.send(CTCP.pingReply(to: nick, token: argument), .control))
        default: return
        }
    }
}
