/// Which claimed effects the chat server has confirmed, line by line: an effect's lines are expected back as
/// the server's echo of the bot's own messages (IRC `echo-message`, a Matrix sync of its own events). Each echo
/// removes one line; what is still unechoed is what a successor or a restarted process sends again, so the window
/// in which a line may repeat is one line's round trip, not the whole effect's paced delivery.
///
/// Pure: the caller keeps it behind a lock and writes what `echoed` returns to the store.
public struct EchoTracker: Sendable {
    /// What an echo changed.
    public enum Progress: Sendable, Equatable {
        /// Some lines of `key` are still unechoed: these actions are what may still need sending.
        case remaining(key: String, actions: [ChatAction])
        /// Every line of `key` has been echoed: the effect is delivered.
        case settled(key: String)
    }

    /// A line of an effect sent and not yet echoed, with the action it came from.
    struct Pending: Sendable {
        /// Lowercased; nil for a direct message to a person (its echo carries no channel).
        var channel: String?
        var text: String
        var action: ChatAction
    }

    /// Claimed effects with lines still unechoed, and their actions that have no echo (invitations, topics).
    private var pending: [String: (lines: [Pending], silent: [ChatAction])] = [:]

    public init() {}

    /// Effects still waiting for an echo.
    public var count: Int { pending.count }

    /// The effect `key` is about to send `actions`; false when none of them is a line that can be echoed.
    public mutating func expect(_ key: String, _ actions: [ChatAction]) -> Bool {
        var lines: [Pending] = []
        var silent: [ChatAction] = []
        for action in actions {
            switch action {
            case .say(let target, let text), .message(let target, let text):
                let channel = ChatChannel.isChannelName(target) ? target.lowercased() : nil
                lines.append(Pending(channel: channel, text: text, action: action))
            default: silent.append(action)
            }
        }
        guard !lines.isEmpty else { return false }
        pending[key] = (lines, silent)
        return true
    }

    /// The server echoed `text` to `target` (a channel, else a person): the line as sent, or one that the echoed
    /// text begins (a long line goes out in parts). Nil when no pending effect sent it.
    public mutating func echoed(target: String, text: String) -> Progress? {
        guard !text.isEmpty, !pending.isEmpty else { return nil }
        let channel = ChatChannel.isChannelName(target) ? target.lowercased() : nil
        guard let (key, index) = find(channel, { $0 == text }) ?? find(channel, { $0.hasPrefix(text) }) else {
            return nil
        }
        pending[key]?.lines.remove(at: index)
        guard let left = pending[key], !left.lines.isEmpty else {
            pending[key] = nil
            return .settled(key: key)
        }
        return .remaining(key: key, actions: left.lines.map(\.action) + left.silent)
    }

    private func find(_ channel: String?, _ matches: (String) -> Bool) -> (String, Int)? {
        for (key, effect) in pending {
            if let index = effect.lines.firstIndex(where: { $0.channel == channel && matches($0.text) }) {
                return (key, index)
            }
        }
        return nil
    }
}
