import Commands
import SitrepCore

/// What the incident coordinator needs from a chat network, whatever its protocol: its current name for the
/// bot, who is in a channel and with what status, and a way to carry out `ChatAction`s. IRC implements it over
/// `IRCClient`, Matrix over `MatrixClient`; `ChatNetworks` puts several behind one, routing by target.
public protocol ChatNetwork: Sendable {
    /// The network id used in identities and channels (`irc`).
    var id: String { get }
    /// The bot's current name on the network (for the addressed command form).
    func botNick() async -> String
    /// Whether `nick` has operator status (or the network's equivalent) in `channel`.
    func isChannelOperator(_ nick: String, in channel: String) async -> Bool
    /// The nick to page `person` by: the current nick of whoever is logged in to that account, else the name.
    func nick(for person: ChatIdentity) async -> String
    /// People currently in `channel`, to resolve a nick given to a command to an identity.
    func members(of channel: String) async -> [Participant]
    /// The key under which two names that the network considers equal (`#Ops`, `#ops`) compare equal.
    func nameKey(_ name: String) -> String
    /// Message text with formatting codes removed, for reading a command.
    func plainText(_ text: String) -> String
    /// Carries out actions in order (paced by the transport).
    func perform(_ actions: [ChatAction]) async
    /// Whether `target` (a channel, room or person, as actions and events name them) lives on this network, for
    /// `ChatNetworks` to route by. A network alone in a process may claim everything (the default).
    func owns(_ target: String) -> Bool
    /// The bot's name where `target` is (its nick on IRC, its localpart on Matrix).
    func botNick(in target: String) async -> String
    /// Every name the bot answers to where `target` is, in the addressed form (`name: cmd`): its nick on IRC; its
    /// user id, display name and localpart on Matrix.
    func botNames(in target: String) async -> [String]
    /// Whether any of the bot's names where `target` is may contain a space (a Matrix display name), so a line
    /// like `Incident Bot: status` may address it. Known without asking the network: every chat line asks.
    func botNamesMayHaveSpaces(in target: String) -> Bool
    /// The id of the network `target` lives on (`ChatNetworks` answers for each of its networks).
    func networkID(for target: String) -> String
    /// How incident channels declared from `target` (nil: not from chat) are named on this network: `base` as is
    /// on IRC, a room alias on this homeserver on Matrix.
    func incidentConfiguration(_ base: IncidentConfiguration, declaredIn target: String?) -> IncidentConfiguration
    /// The command prefix where `target` is: what sitrep answers to besides `/cmd` and its name, and how its
    /// hints write commands there (`!` unless the network's `command_prefix` says otherwise).
    func commandPrefix(in target: String) -> String
    /// Which ways of typing a command work where `target` is, for `!help`.
    func commandForms(in target: String) -> CommandForms
    /// What deciding a command said by `sender` (a nick) where `target` is needs to know, in one question: the
    /// bot's names there, whether `sender` is an operator there, and who is there.
    func context(for target: String, sender: String) async -> ChatContext
}

extension ChatNetwork {
    public func owns(_ target: String) -> Bool { true }
    public func botNick(in target: String) async -> String { await botNick() }
    public func networkID(for target: String) -> String { id }
    public func botNames(in target: String) async -> [String] { [await botNick(in: target)] }
    public func botNamesMayHaveSpaces(in target: String) -> Bool { true }
    public func commandPrefix(in target: String) -> String { CommandHint.defaultPrefix }
    public func commandForms(in target: String) -> CommandForms { .irc }
    /// Built from the single questions, one after another; a network that can answer in one step overrides it.
    public func context(for target: String, sender: String) async -> ChatContext {
        ChatContext(
            target: target, botNames: await botNames(in: target), botNick: await botNick(in: target),
            senderIsOperator: await isChannelOperator(sender, in: target), members: await members(of: target))
    }
    public func incidentConfiguration(_ base: IncidentConfiguration, declaredIn target: String?)
        -> IncidentConfiguration
    { base }
}
