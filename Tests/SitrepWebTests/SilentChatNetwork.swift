import SitrepApp
import SitrepCore

/// A chat network that does nothing: the web tests drive the coordinator only to fill a store the way chat does.
struct SilentChatNetwork: ChatNetwork {
    let id = "irc"

    func botNick() async -> String { "sitrep" }
    func isChannelOperator(_ nick: String, in channel: String) async -> Bool { false }
    func nick(for person: ChatIdentity) async -> String { person.name }
    func members(of channel: String) async -> [Participant] { [] }
    func nameKey(_ name: String) -> String { name.lowercased() }
    func plainText(_ text: String) -> String { text }
    func perform(_ actions: [ChatAction]) async {}
}
