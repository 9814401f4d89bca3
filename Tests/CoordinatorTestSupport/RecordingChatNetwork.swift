import IncidentRuntime
import SitrepCore
import Synchronization

/// A chat network double: records every action the coordinator asks for, and answers questions about nicks and
/// channel operators from what the test set up. Optionally runs a check at the moment an action is performed
/// (to prove a reply is sent only after its commit).
public final class RecordingChatNetwork: ChatNetwork, Sendable {
    public let id = "irc"
    /// The network's command prefix (`irc.command_prefix`).
    public let prefix: String
    private let state = Mutex(State())

    public init(prefix: String = "!") {
        self.prefix = prefix
    }

    public func commandPrefix(in target: String) -> String { prefix }

    private struct State {
        var actions: [ChatAction] = []
        var operators: Set<String> = []
        var members: [String: [Participant]] = [:]
        var onPerform: (@Sendable (ChatAction) async -> Void)?
        var questions: [String: Int] = [:]
    }

    /// How many times each question about the network's state was asked (`context`, `isChannelOperator`,
    /// `members`, `botNames`), since the start or the last `clear`.
    public func asked(_ question: String) -> Int { state.withLock { $0.questions[question] ?? 0 } }

    private func count(_ question: String) {
        state.withLock { $0.questions[question, default: 0] += 1 }
    }

    public var actions: [ChatAction] { state.withLock { $0.actions } }

    /// Lines said (NOTICE) to `target`, in order.
    public func said(to target: String) -> [String] {
        actions.compactMap {
            switch $0 {
            case .say(let to, let text) where to.lowercased() == target.lowercased(): text
            case .post(let to, let text) where to.lowercased() == target.lowercased(): text
            default: nil
            }
        }
    }

    public func clear() {
        state.withLock {
            $0.actions.removeAll()
            $0.questions.removeAll()
        }
    }

    public func makeOperator(_ nick: String) {
        state.withLock { _ = $0.operators.insert(nick.lowercased()) }
    }

    public func onPerform(_ check: @escaping @Sendable (ChatAction) async -> Void) {
        state.withLock { $0.onPerform = check }
    }

    public func botNick() async -> String { "sitrep" }

    public func isChannelOperator(_ nick: String, in channel: String) async -> Bool {
        count("isChannelOperator")
        return state.withLock { $0.operators.contains(nick.lowercased()) }
    }

    /// `who` is in `channel` from now on (channels start empty).
    public func addMember(_ who: Participant, to channel: String) {
        state.withLock { $0.members[channel.lowercased(), default: []].append(who) }
    }

    public func members(of channel: String) async -> [Participant] {
        count("members")
        return state.withLock { $0.members[channel.lowercased()] ?? [] }
    }

    public func nick(for person: ChatIdentity) async -> String { person.name }

    public func botNames(in target: String) async -> [String] {
        count("botNames")
        return [await botNick()]
    }

    /// Answered in one step, as a real network does (not through the single questions).
    public func context(for target: String, sender: String) async -> ChatContext {
        count("context")
        return state.withLock { state in
            ChatContext(
                target: target, botNames: ["sitrep"], botNick: "sitrep",
                senderIsOperator: state.operators.contains(sender.lowercased()),
                members: state.members[target.lowercased()] ?? [])
        }
    }

    public func nameKey(_ name: String) -> String { name.lowercased() }

    public func plainText(_ text: String) -> String { text }

    /// Like IRC: the bot's one name (`sitrep`) has no space.
    public func botNamesMayHaveSpaces(in target: String) -> Bool { false }

    public func perform(_ actions: [ChatAction]) async {
        let check = state.withLock { state in
            state.actions.append(contentsOf: actions)
            return state.onPerform
        }
        if let check { for action in actions { await check(action) } }
    }
}
