import Commands
import SitrepCore

/// Several chat networks behind one `ChatNetwork`, so the coordinator, the commands and the store never know
/// which network a line came from: each call and each action goes to the network that owns its target (a Matrix
/// room id, alias or user id to Matrix, anything else to IRC), and a person to the network of their identity.
///
/// The first network is the primary one: it answers for targets no other network claims and gives `id` and
/// `botNick()`.
public struct ChatNetworks: ChatNetwork {
    public let networks: [any ChatNetwork]

    /// `networks` in order of preference; the first claims whatever the others do not.
    public init(_ networks: [any ChatNetwork]) {
        precondition(!networks.isEmpty, "ChatNetworks needs at least one network")
        self.networks = networks
    }

    public var id: String { networks[0].id }

    /// The network that owns `target`: the first one after the primary that claims it, else the primary.
    public func network(for target: String) -> any ChatNetwork {
        networks.dropFirst().first { $0.owns(target) } ?? networks[0]
    }

    /// The network the identity belongs to, else the primary.
    public func network(of person: ChatIdentity) -> any ChatNetwork {
        networks.first { $0.id == person.network } ?? networks[0]
    }

    public func botNick() async -> String { await networks[0].botNick() }
    public func botNick(in target: String) async -> String { await network(for: target).botNick(in: target) }
    public func owns(_ target: String) -> Bool { networks.contains { $0.owns(target) } }
    public func networkID(for target: String) -> String { network(for: target).id }
    public func botNames(in target: String) async -> [String] { await network(for: target).botNames(in: target) }
    public func botNamesMayHaveSpaces(in target: String) -> Bool {
        network(for: target).botNamesMayHaveSpaces(in: target)
    }
    public func commandPrefix(in target: String) -> String { network(for: target).commandPrefix(in: target) }
    public func commandForms(in target: String) -> CommandForms { network(for: target).commandForms(in: target) }
    public func context(for target: String, sender: String) async -> ChatContext {
        await network(for: target).context(for: target, sender: sender)
    }

    /// Declared from a channel: that channel's network names the incident channel; else the primary network.
    public func incidentConfiguration(_ base: IncidentConfiguration, declaredIn target: String?)
        -> IncidentConfiguration
    {
        (target.map { network(for: $0) } ?? networks[0]).incidentConfiguration(base, declaredIn: target)
    }

    public func isChannelOperator(_ nick: String, in channel: String) async -> Bool {
        await network(for: channel).isChannelOperator(nick, in: channel)
    }

    public func nick(for person: ChatIdentity) async -> String { await network(of: person).nick(for: person) }
    public func members(of channel: String) async -> [Participant] { await network(for: channel).members(of: channel) }
    public func nameKey(_ name: String) -> String { network(for: name).nameKey(name) }

    /// Formatting is stripped by the primary network's rules (IRC codes); Matrix text is plain already.
    public func plainText(_ text: String) -> String { networks[0].plainText(text) }

    /// Actions in order, consecutive ones for the same network handed over together.
    public func perform(_ actions: [ChatAction]) async {
        var run: [ChatAction] = []
        var runNetwork: Int?
        for action in actions {
            let index = networkIndex(for: action.target)
            if index != runNetwork, let current = runNetwork {
                await networks[current].perform(run)
                run.removeAll()
            }
            runNetwork = index
            run.append(action)
        }
        if let current = runNetwork, !run.isEmpty { await networks[current].perform(run) }
    }

    private func networkIndex(for target: String) -> Int {
        networks.indices.dropFirst().first { networks[$0].owns(target) } ?? 0
    }
}

extension ChatAction {
    /// The channel or person the action is about, which decides the network it goes to. An invitation or a grant
    /// of rights goes to the network of the channel.
    public var target: String {
        switch self {
        case .say(let target, _), .message(let target, _), .post(let target, _): target
        case .join(let channel), .part(let channel, _), .setTopic(let channel, _): channel
        case .invite(_, let channel), .awaitedInvite(_, let channel), .grantRights(_, let channel): channel
        }
    }
}
