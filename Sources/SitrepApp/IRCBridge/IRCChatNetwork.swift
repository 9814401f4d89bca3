import IRC
import IRCClient
import IncidentRuntime
import Logging
import SitrepCore

/// The IRC network as the incident coordinator sees it: actions become paced IRC lines (replies as NOTICE,
/// pages as PRIVMSG ahead of them, invitations after them), names compare under the server's casemapping.
///
/// Questions (the bot's nick, operators, members) are answered from the client's published view, never by
/// waiting for the client actor, which may be busy parsing a flood; only sending goes through the actor.
public struct IRCChatNetwork: ChatNetwork {
    public let id: String
    let client: IRCClient
    /// The casemapping used for keys; rfc1459 is the IRC default and treats every ascii name the same way.
    let casemapping: IRCCasemapping
    let logger: Logger
    /// `irc.command_prefix`: what sitrep answers to besides `/cmd` and its nick, and how hints write commands.
    let commandPrefix: String

    public init(
        id: String = "irc", client: IRCClient, casemapping: IRCCasemapping = .rfc1459,
        logger: Logger = Logger(label: "sitrep.irc"), commandPrefix: String = CommandHint.defaultPrefix
    ) {
        self.id = id
        self.commandPrefix = commandPrefix
        self.client = client
        self.casemapping = casemapping
        self.logger = logger
    }

    public func botNick() async -> String {
        client.view.currentNick
    }

    public func isChannelOperator(_ nick: String, in channel: String) async -> Bool {
        guard let member = client.view.roster.member(nick, in: channel) else { return false }
        return Self.isOperator(member)
    }

    /// Channel operator status: op, admin or owner (`+o`, `+a`, `+q`).
    static func isOperator(_ member: ChannelRoster.Member) -> Bool {
        !member.modes.isDisjoint(with: ["o", "a", "q"])
    }

    /// The bot's nick, the sender's status and the channel's members, as of one moment of the client's view.
    public func context(for target: String, sender: String) async -> ChatContext {
        client.view.current.chatContext(for: target, sender: sender, network: id)
    }

    public func nick(for person: ChatIdentity) async -> String {
        guard person.kind == .account else { return person.name }
        let roster = client.view.roster
        for channel in roster.channels.values {
            if let member = channel.members.values.first(where: { $0.user.account == person.name }) {
                return member.user.nick
            }
        }
        return person.name
    }

    public func members(of channel: String) async -> [Participant] {
        guard let known = client.view.roster.channel(channel) else { return [] }
        return known.members.values.map { $0.user.participant(network: id) }
    }

    public func commandPrefix(in target: String) -> String { commandPrefix }
    /// An IRC nick never has a space: `name: …` addresses the bot only when `name` is its nick.
    public func botNamesMayHaveSpaces(in target: String) -> Bool { false }

    public func nameKey(_ name: String) -> String {
        casemapping.fold(name)
    }

    public func plainText(_ text: String) -> String {
        IRCFormatting.strip(text)
    }

    /// Queues `actions` in order: the runs of plain lines in one hand-off to the client each, a rights grant
    /// (which first asks the client who is operator) on its own.
    public func perform(_ actions: [ChatAction]) async {
        // A declaration's reply travels with the declarer's invitation: both go ahead of other incidents' pages.
        let awaited = actions.contains { if case .awaitedInvite = $0 { true } else { false } }
        var run: [ChatAction] = []
        for action in actions {
            guard case .grantRights(let person, let channel) = action else {
                run.append(action)
                continue
            }
            await queue(run, awaited: awaited)
            run.removeAll()
            await grantOperator(to: person.nick, in: channel)
        }
        await queue(run, awaited: awaited)
    }

    /// Queues lines (no rights grants) on the client in one hand-off.
    private func queue(_ actions: [ChatAction], awaited: Bool) async {
        guard !actions.isEmpty else { return }
        await client.batch { client in
            for action in actions {
                switch action {
                case .say(let target, let text):
                    client.say(text, to: target, notice: true, priority: awaited ? .awaited : .chat)
                case .message(let target, let text):
                    client.say(text, to: target, notice: false, priority: .control)
                case .post(let target, let text):
                    client.say(text, to: target, notice: true, priority: .background)
                case .join(let channel):
                    client.join(channel)
                case .part(let channel, let reason):
                    client.part(channel, reason: reason)
                case .setTopic(let channel, let topic):
                    client.send(IRCMessage(command: "TOPIC", parameters: [channel, topic]), priority: .control)
                case .invite(let nick, let channel):
                    // Behind every reply: an invitation rides along with a page, which already told them where to go.
                    client.send(IRCMessage(command: "INVITE", parameters: [nick, channel]), priority: .background)
                case .awaitedInvite(let nick, let channel):
                    // The declarer waits for it: ahead of every queued page and reply, behind the JOIN (a session
                    // line) and the declaration's reply (queued just before it in the same lane).
                    client.send(IRCMessage(command: "INVITE", parameters: [nick, channel]), priority: .awaited)
                case .grantRights:
                    break  // performed on its own by `perform`
                }
            }
        }
    }

    /// `MODE #channel +o nick`, unless they are operator already. When sitrep is not a channel operator there it
    /// cannot: it logs a warning and says so in the channel, in one line.
    private func grantOperator(to nick: String, in channel: String) async {
        if await isChannelOperator(nick, in: channel) { return }
        guard await isChannelOperator(client.view.currentNick, in: channel) else {
            logger.warning(
                "cannot give channel operator: sitrep is not a channel operator there",
                metadata: ["channel": "\(channel)", "nick": "\(nick)"])
            await client.say(
                "could not give \(ChatText.oneLine(nick, limit: 64)) channel operator rights here: "
                    + "sitrep is not a channel operator in this channel", to: channel, notice: true)
            return
        }
        // The nick is the last parameter: the serializer would send one with a space as trailing text, so such a
        // name (never a real nick) is refused here rather than turned into a different mode change.
        guard !nick.isEmpty, !nick.contains(where: { " :\r\n\0".contains($0) }) else {
            logger.warning("cannot give channel operator: not a nick", metadata: ["nick": "\(nick)"])
            return
        }
        await client.send(IRCMessage(command: "MODE", parameters: [channel, "+o", nick]), priority: .control)
    }
}
