import IncidentRuntime
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
        var questions: [String: Int] = [:]
    }

    /// How many times each question about the network's state was asked (`context`, `isChannelOperator`,
    /// `members`, `botNames`), since the start or the last `clear`.
    func asked(_ question: String) -> Int { state.withLock { $0.questions[question] ?? 0 } }

    private func count(_ question: String) {
        state.withLock { $0.questions[question, default: 0] += 1 }
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
        state.withLock {
            $0.actions.removeAll()
            $0.questions.removeAll()
        }
    }

    func makeOperator(_ nick: String) {
        state.withLock { _ = $0.operators.insert(nick.lowercased()) }
    }

    func onPerform(_ check: @escaping @Sendable (ChatAction) async -> Void) {
        state.withLock { $0.onPerform = check }
    }

    func botNick() async -> String { "sitrep" }

    func isChannelOperator(_ nick: String, in channel: String) async -> Bool {
        count("isChannelOperator")
        return state.withLock { $0.operators.contains(nick.lowercased()) }
    }

    /// `who` is in `channel` from now on (channels start empty).
    func addMember(_ who: Participant, to channel: String) {
        state.withLock { $0.members[channel.lowercased(), default: []].append(who) }
    }

    func members(of channel: String) async -> [Participant] {
        count("members")
        return state.withLock { $0.members[channel.lowercased()] ?? [] }
    }

    func nick(for person: ChatIdentity) async -> String { person.name }

    func botNames(in target: String) async -> [String] {
        count("botNames")
        return [await botNick()]
    }

    /// Answered in one step, as a real network does (not through the single questions).
    func context(for target: String, sender: String) async -> ChatContext {
        count("context")
        return state.withLock { state in
            ChatContext(
                target: target, botNames: ["sitrep"], botNick: "sitrep",
                senderIsOperator: state.operators.contains(sender.lowercased()),
                members: state.members[target.lowercased()] ?? [])
        }
    }

    func nameKey(_ name: String) -> String { name.lowercased() }

    func plainText(_ text: String) -> String { text }

    /// Like IRC: the bot's one name (`sitrep`) has no space.
    func botNamesMayHaveSpaces(in target: String) -> Bool { false }

    func perform(_ actions: [ChatAction]) async {
        let check = state.withLock { state in
            state.actions.append(contentsOf: actions)
            return state.onPerform
        }
        if let check { for action in actions { await check(action) } }
    }
}
