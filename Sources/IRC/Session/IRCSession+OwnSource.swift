extension IRCSession {
    /// A splitter for chat text to `target`, sized for the prefix the server will put in front of it.
    ///
    /// The exact `nick!user@host` is known only once the server showed it on this connection (our own JOIN,
    /// CHGHOST, WHOX or NAMES); until then every part is assumed as long as it may turn out: the longest nick we may
    /// register with, a user part of at least `~` plus the configured username (a server without ident adds the
    /// tilde), and the host from 396 or the longest host servers allow. Text queued while disconnected is split for
    /// that worst case, so it never goes out longer than 512 bytes on the next connection.
    public func textSplitter(command: String = "PRIVMSG", target: String) -> IRCTextSplitter {
        if let ownSource, ownSource.user != nil, ownSource.host != nil {
            return IRCTextSplitter(
                nick: currentNick, user: ownSource.user, host: ownSource.host, command: command, target: target)
        }
        let nicks = isRegistered ? [currentNick] : [currentNick, configuration.nick] + configuration.alternateNicks
        let nick = nicks.max { $0.utf8.count < $1.utf8.count } ?? currentNick
        let userLength = max(1 + configuration.username.utf8.count, IRCTextSplitter.assumedUserLength)
        return IRCTextSplitter(
            nick: nick, user: String(repeating: "u", count: userLength), host: displayedHost, command: command,
            target: target)
    }

    /// 396: the server now shows us under `host` (a cloak or vhost).
    mutating func hostDisplayed(_ message: IRCMessage) {
        guard let host = message.parameter(1) else { return }
        displayedHost = host
        ownSource?.host = host
    }

    /// We saw our own `nick!user@host` (JOIN, WHOX, NAMES with userhost-in-names): the exact prefix from now on.
    mutating func learnedOwnSource(_ source: IRCSource) {
        guard source.user != nil, source.host != nil else { return }
        ownSource = source
        displayedHost = source.host
    }
}
