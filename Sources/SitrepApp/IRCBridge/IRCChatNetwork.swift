import IRC
import IRCClient
import SitrepCore

/// The IRC network as the incident coordinator sees it: actions become paced IRC lines (replies as NOTICE,
/// pages as PRIVMSG ahead of them, invitations after them), names compare under the server's casemapping.
public struct IRCChatNetwork: ChatNetwork {
    public let id: String
    let client: IRCClient
    /// The casemapping used for keys; rfc1459 is the IRC default and treats every ascii name the same way.
    let casemapping: IRCCasemapping

    public init(id: String = "irc", client: IRCClient, casemapping: IRCCasemapping = .rfc1459) {
        self.id = id
        self.client = client
        self.casemapping = casemapping
    }

    public func botNick() async -> String {
        await client.currentNick
    }

    public func isChannelOperator(_ nick: String, in channel: String) async -> Bool {
        guard let member = await client.roster.member(nick, in: channel) else { return false }
        return !member.modes.isDisjoint(with: ["o", "a", "q"])
    }

    public func nick(for person: ChatIdentity) async -> String {
        guard person.kind == .account else { return person.name }
        let roster = await client.roster
        for channel in roster.channels.values {
            if let member = channel.members.values.first(where: { $0.user.account == person.name }) {
                return member.user.nick
            }
        }
        return person.name
    }

    public func members(of channel: String) async -> [Participant] {
        guard let known = await client.roster.channel(channel) else { return [] }
        return known.members.values.map { $0.user.participant(network: id) }
    }

    public func nameKey(_ name: String) -> String {
        casemapping.fold(name)
    }

    public func plainText(_ text: String) -> String {
        IRCFormatting.strip(text)
    }

    public func perform(_ actions: [ChatAction]) async {
        for action in actions {
            switch action {
            case .say(let target, let text):
                await client.say(text, to: target, notice: true)
            case .message(let target, let text):
                await client.say(text, to: target, notice: false, priority: .control)
            case .join(let channel):
                await client.join(channel)
            case .part(let channel, let reason):
                await client.part(channel, reason: reason)
            case .setTopic(let channel, let topic):
                await client.send(IRCMessage(command: "TOPIC", parameters: [channel, topic]), priority: .control)
            case .invite(let nick, let channel):
                // Behind every reply: an invitation rides along with a page, which already told them where to go.
                await client.send(IRCMessage(command: "INVITE", parameters: [nick, channel]), priority: .background)
            }
        }
    }
}
