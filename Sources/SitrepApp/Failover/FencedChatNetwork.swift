import Commands
import Logging
import SitrepCore

/// A `ChatNetwork` that sends nothing unless the fence says this instance may act: whatever path in the
/// coordinator produces an action, an instance whose lease lapsed, or moved to another instance under a newer
/// epoch (checked in the store before every send), cannot put it on the wire.
struct FencedChatNetwork: ChatNetwork {
    let base: any ChatNetwork
    let fence: any EffectFence
    let logger: Logger

    var id: String { base.id }
    func botNick() async -> String { await base.botNick() }
    func isChannelOperator(_ nick: String, in channel: String) async -> Bool {
        await base.isChannelOperator(nick, in: channel)
    }
    func nick(for person: ChatIdentity) async -> String { await base.nick(for: person) }
    func members(of channel: String) async -> [Participant] { await base.members(of: channel) }
    func nameKey(_ name: String) -> String { base.nameKey(name) }
    func plainText(_ text: String) -> String { base.plainText(text) }
    func owns(_ target: String) -> Bool { base.owns(target) }
    func networkID(for target: String) -> String { base.networkID(for: target) }
    func botNames(in target: String) async -> [String] { await base.botNames(in: target) }
    func botNamesMayHaveSpaces(in target: String) -> Bool { base.botNamesMayHaveSpaces(in: target) }
    func botNick(in target: String) async -> String { await base.botNick(in: target) }
    func commandPrefix(in target: String) -> String { base.commandPrefix(in: target) }
    func commandForms(in target: String) -> CommandForms { base.commandForms(in: target) }
    func context(for target: String, sender: String) async -> ChatContext {
        await base.context(for: target, sender: sender)
    }
    func incidentConfiguration(_ base: IncidentConfiguration, declaredIn target: String?) -> IncidentConfiguration {
        self.base.incidentConfiguration(base, declaredIn: target)
    }

    func perform(_ actions: [ChatAction]) async {
        guard !actions.isEmpty else { return }
        guard fence.mayAct(), await fence.permitsSending() else {
            logger.warning("not sent: this instance does not hold the lease", metadata: ["actions": "\(actions.count)"])
            return
        }
        await base.perform(actions)
    }
}
