import IRC
import IRCClient
import SitrepCore

extension IRCClientView.State {
    /// The facts a command said by `sender` in `target` is decided from (a private message's target is a nick:
    /// no channel, so no operator and no members).
    func chatContext(for target: String, sender: String, network: String) -> ChatContext {
        ChatContext(
            target: target, botNames: [currentNick], botNick: currentNick,
            senderIsOperator: roster.member(sender, in: target).map(IRCChatNetwork.isOperator) ?? false,
            members: roster.channel(target)?.members.values.map { $0.user.participant(network: network) } ?? [])
    }
}
