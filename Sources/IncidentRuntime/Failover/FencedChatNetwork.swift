import Commands
import Logging
import SitrepCore

/// A `ChatNetwork` that sends nothing unless the fence says this instance may act: whatever path in the
/// coordinator produces an action, an instance whose lease lapsed, or moved to another instance under a newer
/// epoch (checked in the store before every send), cannot put it on the wire.
public struct FencedChatNetwork: ChatNetwork {
    let base: any ChatNetwork
    let fence: any EffectFence
    let logger: Logger

    public init(base: any ChatNetwork, fence: any EffectFence, logger: Logger) {
        self.base = base
        self.fence = fence
        self.logger = logger
    }

    public var id: String { base.id }
    public func botNick() async -> String { await base.botNick() }
    public func isChannelOperator(_ nick: String, in channel: String) async -> Bool {
        await base.isChannelOperator(nick, in: channel)
    }
    public func nick(for person: ChatIdentity) async -> String { await base.nick(for: person) }
    public func members(of channel: String) async -> [Participant] { await base.members(of: channel) }
    public func nameKey(_ name: String) -> String { base.nameKey(name) }
    public func plainText(_ text: String) -> String { base.plainText(text) }
    public func owns(_ target: String) -> Bool { base.owns(target) }
    public func networkID(for target: String) -> String { base.networkID(for: target) }
    public func botNames(in target: String) async -> [String] { await base.botNames(in: target) }
    public func botNamesMayHaveSpaces(in target: String) -> Bool { base.botNamesMayHaveSpaces(in: target) }
    public func botNick(in target: String) async -> String { await base.botNick(in: target) }
    public func commandPrefix(in target: String) -> String { base.commandPrefix(in: target) }
    public func commandForms(in target: String) -> CommandForms { base.commandForms(in: target) }
    public func context(for target: String, sender: String) async -> ChatContext {
        await base.context(for: target, sender: sender)
    }
    public func incidentConfiguration(_ base: IncidentConfiguration, declaredIn target: String?) -> IncidentConfiguration {
        self.base.incidentConfiguration(base, declaredIn: target)
    }

    public func perform(_ actions: [ChatAction]) async {
        guard !actions.isEmpty else { return }
        guard fence.mayAct(), await fence.permitsSending() else {
            logger.warning("not sent: this instance does not hold the lease", metadata: ["actions": "\(actions.count)"])
            return
        }
        await base.perform(actions)
    }
}
