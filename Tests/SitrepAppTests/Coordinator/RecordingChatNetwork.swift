import SitrepApp
import SitrepCore
import Synchronization

/// A chat network double: records every action the coordinator asks for, and answers questions about nicks and
/// channel operators from what the test set up. Optionally runs a check at the moment an action is performed
/// (to prove a reply is sent only after its commit).
final class RecordingChatNetwork: ChatNetwork, Sendable {
    let id = "irc"
    /// The network's command prefix (`irc.command_prefix`).
    let prefix: String
    private let state = Mutex(State())

    init(prefix: String = "!") {
        self.prefix = prefix
    }

    func commandPrefix(in target: String) -> String { prefix }

    private struct State {
        var actions: [ChatAction] = []
        var operators: Set<String> = []
        var members: [String: [Participant]] = [:]
        var onPerform: (@Sendable (ChatAction) async -> Void)?
    }

    var actions: [ChatAction] { state.withLock { $0.actions } }

    /// Lines said (NOTICE) to `target`, in order.
    func said(to target: String) -> [String] {
        actions.compactMap {
            switch $0 {
            case .say(let to, let text) where to.lowercased() == target.lowercased(): text
            case .post(let to, let text) where to.lowercased() == target.lowercased(): text
            default: nil
            }
        }
    }

    func clear() {
        state.withLock { $0.actions.removeAll() }
    }

    func makeOperator(_ nick: String) {
        state.withLock { _ = $0.operators.insert(nick.lowercased()) }
    }

    func onPerform(_ check: @escaping @Sendable (ChatAction) async -> Void) {
        state.withLock { $0.onPerform = check }
    }

    func botNick() async -> String { "sitrep" }

    func isChannelOperator(_ nick: String, in channel: String) async -> Bool {
        state.withLock { $0.operators.contains(nick.lowercased()) }
    }

    /// `who` is in `channel` from now on (channels start empty).
    func addMember(_ who: Participant, to channel: String) {
        state.withLock { $0.members[channel.lowercased(), default: []].append(who) }
    }

    func members(of channel: String) async -> [Participant] {
        state.withLock { $0.members[channel.lowercased()] ?? [] }
    }

    func nick(for person: ChatIdentity) async -> String { person.name }

    func nameKey(_ name: String) -> String { name.lowercased() }

    func plainText(_ text: String) -> String { text }

    func perform(_ actions: [ChatAction]) async {
        let check = state.withLock { state in
            state.actions.append(contentsOf: actions)
            return state.onPerform
        }
        if let check { for action in actions { await check(action) } }
    }
}
