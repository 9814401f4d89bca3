/// The channels the bot is in and who is in each, keyed by the server's casemapping.
///
/// Fed by JOIN/PART/KICK/QUIT/NICK/MODE/NAMES/WHOX/ACCOUNT/CHGHOST; read to learn a member's account and channel
/// status (a channel operator counts as a responder later on).
public struct ChannelRoster: Sendable, Equatable {
    /// One channel: its name as the server spells it, its topic and members.
    public struct Channel: Sendable, Equatable {
        public var name: String
        public var topic: String?
        /// Members by folded nick.
        public var members: [String: Member] = [:]

        public init(name: String) {
            self.name = name
        }
    }

    /// A member of a channel and their membership modes (`o`, `v`, …).
    public struct Member: Sendable, Equatable {
        public var user: IRCUser
        public var modes: Set<Character>
        public var isAway = false

        public init(user: IRCUser, modes: Set<Character> = []) {
            self.user = user
            self.modes = modes
        }
    }

    public private(set) var channels: [String: Channel] = [:]
    public var casemapping: IRCCasemapping

    public init(casemapping: IRCCasemapping = .rfc1459) {
        self.casemapping = casemapping
    }

    public func key(_ name: String) -> String {
        casemapping.fold(name)
    }

    public func channel(_ name: String) -> Channel? {
        channels[key(name)]
    }

    public func member(_ nick: String, in channel: String) -> Member? {
        channels[key(channel)]?.members[key(nick)]
    }

    /// The best-known user record for a nick in any shared channel.
    public func user(nick: String) -> IRCUser? {
        let folded = key(nick)
        for channel in channels.values {
            if let member = channel.members[folded] { return member.user }
        }
        return nil
    }

    /// Names of the channels (as the server spells them) that contain `nick`.
    public func channelNames(containing nick: String) -> [String] {
        let folded = key(nick)
        return channels.values.filter { $0.members[folded] != nil }.map(\.name).sorted()
    }

    mutating func addChannel(_ name: String) {
        let folded = key(name)
        if channels[folded] == nil { channels[folded] = Channel(name: name) }
    }

    mutating func removeChannel(_ name: String) {
        let folded = key(name)
        channels[folded] = nil
    }

    mutating func removeAll() {
        channels.removeAll()
    }

    mutating func setTopic(_ topic: String?, in channel: String) {
        let channelKey = key(channel)
        channels[channelKey]?.topic = topic
    }

    /// Adds or refreshes a member; keeps what was known (account, modes) unless the new record says more.
    mutating func upsert(_ user: IRCUser, in channel: String, modes: Set<Character>? = nil) {
        let channelKey = key(channel)
        guard channels[channelKey] != nil else { return }
        let nickKey = key(user.nick)
        var member = channels[channelKey]!.members[nickKey] ?? Member(user: user)
        member.user.nick = user.nick
        member.user.user = user.user ?? member.user.user
        member.user.host = user.host ?? member.user.host
        member.user.account = user.account ?? member.user.account
        if let modes { member.modes = modes }
        channels[channelKey]!.members[nickKey] = member
    }

    mutating func removeMember(_ nick: String, from channel: String) {
        let channelKey = key(channel)
        let nickKey = key(nick)
        channels[channelKey]?.members[nickKey] = nil
    }

    /// Removes the nick from every channel; returns the channels it was in.
    mutating func removeEverywhere(_ nick: String) -> [String] {
        let names = channelNames(containing: nick)
        let folded = key(nick)
        for channelKey in channels.keys { channels[channelKey]!.members[folded] = nil }
        return names
    }

    /// Renames a member everywhere; returns the channels they are in.
    mutating func rename(_ oldNick: String, to newNick: String) -> [String] {
        let oldKey = key(oldNick)
        let newKey = key(newNick)
        var names: [String] = []
        for channelKey in channels.keys {
            guard var member = channels[channelKey]!.members.removeValue(forKey: oldKey) else { continue }
            member.user.nick = newNick
            channels[channelKey]!.members[newKey] = member
            names.append(channels[channelKey]!.name)
        }
        return names.sorted()
    }

    /// Applies a change to every record of the nick (account, host, away).
    mutating func updateUser(_ nick: String, _ change: (inout Member) -> Void) {
        let folded = key(nick)
        for channelKey in channels.keys where channels[channelKey]!.members[folded] != nil {
            change(&channels[channelKey]!.members[folded]!)
        }
    }

    mutating func setMode(_ mode: Character, on: Bool, for nick: String, in channel: String) {
        let channelKey = key(channel)
        let nickKey = key(nick)
        guard channels[channelKey]?.members[nickKey] != nil else { return }
        if on {
            channels[channelKey]!.members[nickKey]!.modes.insert(mode)
        } else {
            channels[channelKey]!.members[nickKey]!.modes.remove(mode)
        }
    }

    /// Re-keys every name after the server announced a different casemapping.
    mutating func rekey(casemapping newMapping: IRCCasemapping) {
        guard newMapping != casemapping else { return }
        casemapping = newMapping
        var rekeyed: [String: Channel] = [:]
        for var channel in channels.values {
            var members: [String: Member] = [:]
            for member in channel.members.values { members[newMapping.fold(member.user.nick)] = member }
            channel.members = members
            rekeyed[newMapping.fold(channel.name)] = channel
        }
        channels = rekeyed
    }
}
