import Commands
import IRC
import IRCClient
import Logging
import ServiceLifecycle
import SitrepCore

/// Reads the chat events of the IRC client and answers the commands sitrep knows so far (`help`, `whoami`,
/// `ping`, `version`); an unknown command gets a one-line hint. Replies go as NOTICE, to the channel or, for a
/// private message, to the sender. NOTICEs and our own echoes are never answered.
public struct ChatResponder: Service {
    let client: IRCClient
    let logger: Logger

    public init(client: IRCClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    public func run() async throws {
        for await event in client.events.cancelOnGracefulShutdown() {
            guard case .message(let message) = event.kind else { continue }
            await handle(message)
        }
    }

    func handle(_ message: IRCChatMessage) async {
        guard message.kind == .privmsg, !message.isOwnEcho else { return }
        let nick = await client.currentNick
        let text = IRCFormatting.strip(message.text)
        let isPrivate = message.channel == nil
        guard let invocation = CommandInvocation.recognize(text, botNick: nick, isPrivate: isPrivate) else { return }
        let replyTarget = message.channel ?? message.sender.nick
        let reply = Self.reply(to: invocation, from: message.sender, botNick: nick)
        logger.debug("command", metadata: ["name": "\(invocation.name)", "from": "\(message.sender.identity)"])
        await client.say(reply, to: replyTarget)
    }

    static func reply(to invocation: CommandInvocation, from sender: IRCUser, botNick: String) -> String {
        switch invocation.name {
        case "help":
            return "sitrep \(SitrepVersion.current): commands help, whoami, ping, version. "
                + "Type them as /cmd, //cmd, !cmd or \(botNick): cmd (irssi and WeeChat need //cmd or !cmd)."
        case "whoami":
            switch sender.identity {
            case .account(let account):
                return "\(sender.nick): you are logged in to account \(account); sitrep knows you by that account."
            case .nick(let nick):
                return "\(nick): you are not logged in to an account; sitrep knows you only by your nick."
            }
        case "ping":
            return "\(sender.nick): pong"
        case "version":
            return "sitrep \(SitrepVersion.current)"
        default:
            return "\(sender.nick): unknown command \"\(invocation.name)\"; try !help"
        }
    }
}
