import SitrepCore

/// A chat network that goes nowhere: every action is dropped, nobody is an operator, nicks are the names given.
/// For running the coordinator without a server: benchmarks, and tests that fill a store through the chat path.
public struct NullChatNetwork: ChatNetwork {
    public let id: String

    public init(id: String = "irc") {
        self.id = id
    }

    public func botNick() async -> String { "sitrep" }
    public func isChannelOperator(_ nick: String, in channel: String) async -> Bool { false }
    public func nick(for person: ChatIdentity) async -> String { person.name }
    public func members(of channel: String) async -> [Participant] { [] }
    public func nameKey(_ name: String) -> String { name.lowercased() }
    public func plainText(_ text: String) -> String { text }
    public func perform(_ actions: [ChatAction]) async {}
}
