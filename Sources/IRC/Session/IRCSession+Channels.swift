extension IRCSession {
    /// The WHOX token sitrep uses to recognise its own `354` replies.
    static var whoxToken: String { "152" }

    mutating func handleNetworkEvent(_ message: IRCMessage, now: Instant, into actions: inout [Action]) {
        switch message.command {
        case "PRIVMSG", "NOTICE": chatMessage(message, into: &actions)
        case "JOIN": joined(message, into: &actions)
        case "PART": parted(message, into: &actions)
        case "KICK": kicked(message, into: &actions)
        case "QUIT": quit(message, into: &actions)
        case "NICK": nickChanged(message, into: &actions)
        case "TOPIC": topicChanged(message, into: &actions)
        case "MODE": modeChanged(message, into: &actions)
        case "INVITE": invited(message, into: &actions)
        case "ACCOUNT": accountChanged(message, into: &actions)
        case "AWAY": awayChanged(message)
        case "CHGHOST": hostChanged(message)
        case "BATCH": batch(message)
        case "332": if let channel = message.parameter(1) { roster.setTopic(message.parameters.last, in: channel) }
        case "353": namesReply(message)
        case "366": namesEnded(message, into: &actions)
        case "354": whoxReply(message, into: &actions)
        case "315": if let channel = message.parameter(1) { membersKnown(channel, into: &actions) }
        case "401":
            // `:server 401 me bob :No such nick/channel`: a PRIVMSG or INVITE of ours went to nobody.
            if let nick = message.parameter(1), !nick.isEmpty { actions.append(event(.noSuchNick(nick: nick), from: message)) }
        case "403", "405", "471", "473", "474", "475", "476", "477", "489":
            // The channel could not be joined: its member list will never come.
            if let channel = message.parameter(1) { membersKnown(channel, into: &actions) }
        default: break
        }
    }

    /// The sender of a message as an `IRCUser`, with the account from the account tag or from what we know.
    func sender(of message: IRCMessage) -> IRCUser? {
        guard let source = message.source else { return nil }
        var user = IRCUser(source: source)
        if lineCapabilities.accountTag {
            user.account = message.tag("account")
        } else {
            user.account = roster.user(nick: source.nick)?.account
        }
        return user
    }

    func isOwn(_ nick: String) -> Bool {
        roster.key(nick) == roster.key(currentNick)
    }

    func event(_ kind: IRCEvent.Kind, from message: IRCMessage) -> Action {
        let batchType = message.tag("batch").flatMap { openBatches[$0] }
        let time = lineCapabilities.serverTime ? message.tag("time").flatMap(ServerTime.parse) : nil
        return .emit(IRCEvent(kind, serverTime: time, messageID: message.tag("msgid"), batchType: batchType))
    }

    private mutating func joined(_ message: IRCMessage, into actions: inout [Action]) {
        guard var user = sender(of: message), let channel = message.parameter(0) else { return }
        if has("extended-join"), let account = message.parameter(1) {
            user.account = account == "*" ? nil : account
        }
        if isOwn(user.nick) {
            if let source = message.source { learnedOwnSource(source) }
            roster.addChannel(channel)
            actions.append(event(.joined(channel: channel), from: message))
            return
        }
        roster.upsert(user, in: channel)
        if has("extended-join") { roster.updateUser(user.nick) { $0.user.account = user.account } }
        actions.append(event(.memberJoined(channel: channel, user: user), from: message))
    }

    private mutating func parted(_ message: IRCMessage, into actions: inout [Action]) {
        guard let user = sender(of: message), let channel = message.parameter(0) else { return }
        let reason = message.parameter(1)
        if isOwn(user.nick) {
            roster.removeChannel(channel)
            actions.append(event(.left(channel: channel, kickedBy: nil, reason: reason), from: message))
        } else {
            roster.removeMember(user.nick, from: channel)
            actions.append(event(.memberParted(channel: channel, user: user, reason: reason), from: message))
        }
    }

    private mutating func kicked(_ message: IRCMessage, into actions: inout [Action]) {
        guard let by = sender(of: message), let channel = message.parameter(0), let nick = message.parameter(1) else {
            return
        }
        let reason = message.parameter(2)
        if isOwn(nick) {
            roster.removeChannel(channel)
            actions.append(event(.left(channel: channel, kickedBy: by, reason: reason), from: message))
            actions.append(.log(.warning, "kicked from \(channel) by \(by.nick): \(reason ?? "")"))
        } else {
            let user = roster.member(nick, in: channel)?.user ?? IRCUser(nick: nick)
            roster.removeMember(nick, from: channel)
            actions.append(event(.memberKicked(channel: channel, user: user, by: by, reason: reason), from: message))
        }
    }

    private mutating func quit(_ message: IRCMessage, into actions: inout [Action]) {
        guard let user = sender(of: message), !isOwn(user.nick) else { return }
        let known = roster.user(nick: user.nick) ?? user
        let channels = roster.removeEverywhere(user.nick)
        actions.append(event(.memberQuit(user: known, channels: channels, reason: message.parameter(0)), from: message))
        if roster.key(user.nick) == roster.key(configuration.nick), !isOwn(configuration.nick), isRegistered {
            actions.append(.send(IRCMessage(command: "NICK", parameters: [configuration.nick]), .control))
        }
    }

    private mutating func nickChanged(_ message: IRCMessage, into actions: inout [Action]) {
        guard let user = sender(of: message), let newNick = message.parameter(0) else { return }
        let channels = roster.rename(user.nick, to: newNick)
        if isOwn(user.nick) {
            currentNick = newNick
            ownSource?.nick = newNick
            actions.append(event(.ownNickChanged(nick: newNick), from: message))
            return
        }
        var renamed = roster.user(nick: newNick) ?? user
        renamed.nick = newNick
        actions.append(event(.nickChanged(from: user.nick, user: renamed, channels: channels), from: message))
    }

    private mutating func topicChanged(_ message: IRCMessage, into actions: inout [Action]) {
        guard let channel = message.parameter(0) else { return }
        let topic = message.parameter(1) ?? ""
        roster.setTopic(topic, in: channel)
        actions.append(event(.topicChanged(channel: channel, topic: topic, by: sender(of: message)), from: message))
    }

    private mutating func modeChanged(_ message: IRCMessage, into actions: inout [Action]) {
        guard let target = message.parameter(0), isupport.isChannel(target) else { return }
        let modes = Array(message.parameters.dropFirst())
        applyMembershipModes(modes, in: target)
        actions.append(event(.modeChanged(channel: target, by: sender(of: message), modes: modes), from: message))
    }

    /// Walks a channel mode change and applies the membership modes (`+o alice`) to the roster.
    private mutating func applyMembershipModes(_ modes: [String], in channel: String) {
        guard let letters = modes.first else { return }
        var arguments = modes.dropFirst().makeIterator()
        var adding = true
        for letter in letters {
            switch letter {
            case "+": adding = true
            case "-": adding = false
            case _ where isupport.isMembershipMode(letter):
                if let nick = arguments.next() { roster.setMode(letter, on: adding, for: nick, in: channel) }
            case _ where isupport.modesWithParameter.contains(letter):
                _ = arguments.next()
            case _ where adding && isupport.modesWithParameterWhenSet.contains(letter):
                _ = arguments.next()
            default:
                break
            }
        }
    }

    private mutating func invited(_ message: IRCMessage, into actions: inout [Action]) {
        guard let by = sender(of: message), let nick = message.parameter(0), let channel = message.parameter(1),
            isOwn(nick)
        else { return }
        actions.append(event(.invited(channel: channel, by: by), from: message))
    }

    private mutating func accountChanged(_ message: IRCMessage, into actions: inout [Action]) {
        guard let source = message.source, let account = message.parameter(0) else { return }
        let newAccount = account == "*" ? nil : account
        roster.updateUser(source.nick) { $0.user.account = newAccount }
        var user = roster.user(nick: source.nick) ?? IRCUser(source: source)
        user.account = newAccount
        actions.append(event(.accountChanged(user: user), from: message))
    }

    private mutating func awayChanged(_ message: IRCMessage) {
        guard let source = message.source else { return }
        let away = message.parameter(0) != nil
        roster.updateUser(source.nick) { $0.isAway = away }
    }

    private mutating func hostChanged(_ message: IRCMessage) {
        guard let source = message.source, let user = message.parameter(0), let host = message.parameter(1) else {
            return
        }
        if isOwn(source.nick) {
            learnedOwnSource(IRCSource(nick: source.nick, user: user, host: host))
        }
        roster.updateUser(source.nick) {
            $0.user.user = user
            $0.user.host = host
        }
    }

    private mutating func batch(_ message: IRCMessage) {
        guard let reference = message.parameter(0), let sign = reference.first else { return }
        let name = String(reference.dropFirst())
        if sign == "+" {
            openBatches[name] = message.parameter(1) ?? ""
        } else if sign == "-" {
            openBatches[name] = nil
        }
    }

    /// `353 me = #chan :@alice +bob nick!user@host` with multi-prefix and userhost-in-names.
    private mutating func namesReply(_ message: IRCMessage) {
        guard message.parameters.count >= 4 else { return }
        let channel = message.parameters[message.parameters.count - 2]
        for entry in message.parameters.last!.split(separator: " ") {
            var modes: Set<Character> = []
            var rest = Substring(entry)
            while let first = rest.first, let mode = isupport.mode(forPrefix: first) {
                modes.insert(mode)
                rest = rest.dropFirst()
            }
            guard !rest.isEmpty else { continue }
            let source = IRCSource(parsing: rest)
            if isOwn(source.nick) {
                learnedOwnSource(source)
                roster.upsert(IRCUser(source: source, account: loggedInAccount), in: channel, modes: modes)
            } else {
                roster.upsert(IRCUser(source: source), in: channel, modes: modes)
            }
        }
    }

    /// The member list is complete: ask WHOX for accounts where the server can tell.
    private mutating func namesEnded(_ message: IRCMessage, into actions: inout [Action]) {
        guard let channel = message.parameter(1) else { return }
        guard isupport.supportsWHOX else {
            membersKnown(channel, into: &actions)
            return
        }
        actions.append(.send(IRCMessage(command: "WHO", parameters: [channel, "%tcuhnfa,\(Self.whoxToken)"]), .control))
    }

    /// `354 me 152 #chan user host nick flags account` (account `0` = not logged in).
    private mutating func whoxReply(_ message: IRCMessage, into actions: inout [Action]) {
        guard message.parameters.count >= 8, message.parameters[1] == Self.whoxToken else { return }
        let channel = message.parameters[2]
        let nick = message.parameters[5]
        let flags = message.parameters[6]
        let account = message.parameters[7] == "0" ? nil : message.parameters[7]
        let user = IRCUser(nick: nick, user: message.parameters[3], host: message.parameters[4], account: account)
        if isOwn(nick) { learnedOwnSource(IRCSource(nick: nick, user: user.user, host: user.host)) }
        let before = roster.member(nick, in: channel)?.user.account
        roster.upsert(user, in: channel)
        roster.updateUser(nick) { $0.isAway = flags.hasPrefix("G") }
        if let account, before != account {
            actions.append(.emit(IRCEvent(.accountChanged(user: user))))
        }
    }
}

extension IRCSource {
    /// Parses `nick!user@host`, `nick@host` or `nick`.
    public init(parsing text: Substring) {
        var rest = text
        var host: Substring?
        var user: Substring?
        if let at = rest.firstIndex(of: "@") {
            host = rest[rest.index(after: at)...]
            rest = rest[..<at]
        }
        if let bang = rest.firstIndex(of: "!") {
            user = rest[rest.index(after: bang)...]
            rest = rest[..<bang]
        }
        self.init(nick: String(rest), user: user.map(String.init), host: host.map(String.init))
    }
}
