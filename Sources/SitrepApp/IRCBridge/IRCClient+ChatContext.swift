import IRC
import IRCClient
import SitrepCore

extension IRCClient {
    /// The facts a command said by `sender` in `target` is decided from, read from the client's state in one
    /// hop (a private message's target is a nick: no channel, so no operator and no members).
    func chatContext(for target: String, sender: String, network: String) -> ChatContext {
        let roster = self.roster
        let nick = currentNick
        return ChatContext(
            target: target, botNames: [nick], botNick: nick,
            senderIsOperator: roster.member(sender, in: target).map(IRCChatNetwork.isOperator) ?? false,
            members: roster.channel(target)?.members.values.map { $0.user.participant(network: network) } ?? [])
    }
}
