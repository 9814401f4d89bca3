/// What the chat network knew, when one chat line arrived, that deciding a command from it needs: the bot's
/// names where the line was said, whether its sender is an operator there, and who is there. The coordinator
/// gathers it once per line that may be a command (one question to the network, not one per fact) and the
/// command path decides from it, so the facts cannot change under a command while it is being decided.
public struct ChatContext: Sendable, Equatable {
    /// Where the line was said, as events and actions name it: its channel or room, or the sender for a private
    /// message (whose facts are then empty: nobody is an operator of a person).
    public var target: String
    /// Every name the bot answers to there, in the addressed form (`name: cmd`).
    public var botNames: [String]
    /// The bot's name there (for `!help`).
    public var botNick: String
    /// Whether the sender has operator status (or the network's equivalent) there.
    public var senderIsOperator: Bool
    /// The people there, to resolve a nick a command names to an identity.
    public var members: [Participant]

    public init(
        target: String, botNames: [String], botNick: String, senderIsOperator: Bool, members: [Participant]
    ) {
        self.target = target
        self.botNames = botNames
        self.botNick = botNick
        self.senderIsOperator = senderIsOperator
        self.members = members
    }

    /// The context when it describes `channel` (the same name under `nameKey`), else nil: a command given in one
    /// place about an incident run in another (`!ack 4` from the announce channel) must ask about the other.
    public func describing(_ channel: String, nameKey: (String) -> String) -> ChatContext? {
        nameKey(channel) == nameKey(target) ? self : nil
    }
}
