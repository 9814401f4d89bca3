import SitrepCore

extension IRCUser {
    /// The network-neutral participant: identity by account when known, by nick otherwise.
    public func participant(network: String) -> Participant {
        let identity: ChatIdentity =
            if let account { .account(account, network: network) } else { .nick(nick, network: network) }
        return Participant(identity: identity, nick: nick)
    }
}

extension IRCEvent {
    /// The chat events this IRC event means for the incident core; a QUIT or NICK becomes one event per shared
    /// channel. `receivedAt` is used when the server gave no server-time.
    public func chatEvents(network: String, receivedAt: Timestamp) -> [ChatEvent] {
        var events: [ChatEvent] = []
        appendChatEvents(to: &events, network: network, receivedAt: receivedAt)
        return events
    }

    /// `chatEvents(network:receivedAt:)` appended to `events` (the bridge collects a whole read's in one array).
    public func appendChatEvents(to events: inout [ChatEvent], network: String, receivedAt: Timestamp) {
        let time = serverTime.map { Timestamp(milliseconds: $0) } ?? receivedAt
        func event(_ kind: ChatEvent.Kind, in channel: String?, by user: IRCUser, own: Bool = false) -> ChatEvent {
            ChatEvent(
                kind: kind, channel: channel.map { ChatChannel(network: network, name: $0) },
                sender: user.participant(network: network), time: time, isOwn: own)
        }
        switch kind {
        case .message(let message):
            let style: ChatEvent.MessageStyle =
                switch message.kind {
                case .privmsg: .plain
                case .notice: .notice
                case .action: .action
                }
            events.append(
                event(.message(text: message.text, style: style), in: message.channel, by: message.sender,
                    own: message.isOwnEcho))
        case .memberJoined(let channel, let user):
            events.append(event(.join, in: channel, by: user))
        case .memberParted(let channel, let user, let reason):
            events.append(event(.part(reason: reason), in: channel, by: user))
        case .memberKicked(let channel, let user, let by, let reason):
            events.append(event(.kick(target: user.nick, reason: reason), in: channel, by: by))
        case .memberQuit(let user, let channels, let reason):
            events += channels.map { event(.quit(reason: reason), in: $0, by: user) }
        case .nickChanged(let from, let user, let channels):
            var old = user
            old.nick = from
            events += channels.map { event(.nick(newNick: user.nick), in: $0, by: old) }
        case .topicChanged(let channel, let topic, let by):
            events.append(event(.topic(text: topic), in: channel, by: by ?? IRCUser(nick: "")))
        case .modeChanged(let channel, let by, let modes):
            events.append(event(.mode(text: modes.joined(separator: " ")), in: channel, by: by ?? IRCUser(nick: "")))
        case .registered, .authenticated, .joined, .synced, .left, .invited, .accountChanged, .ownNickChanged, .connectionLost,
            .noSuchNick:
            break
        }
    }
}
