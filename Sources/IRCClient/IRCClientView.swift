import IRC
import Synchronization

/// What the client knows of its nick and the channels, readable from any task without waiting for the client.
///
/// The client is an actor that spends a flood parsing reads; a command that asked it for facts (the bot's nick,
/// who is operator, the members) waited behind whole reads, once per question. The client publishes its state
/// here after applying each read (before it hands on that read's events), so whoever handles an event reads
/// state at least as new as the event, at the cost of a lock and no hop.
public final class IRCClientView: Sendable {
    /// The client's state as last published.
    public struct State: Sendable {
        /// The nick the server knows us by.
        public var currentNick: String
        /// The channels and their members as the session knows them.
        public var roster: ChannelRoster
    }

    private let state: Mutex<State>

    init(_ initial: State) {
        state = Mutex(initial)
    }

    /// The nick the server knows us by.
    public var currentNick: String { state.withLock { $0.currentNick } }

    /// The channels and their members (a value: later changes do not show in it).
    public var roster: ChannelRoster { state.withLock { $0.roster } }

    /// The nick and the roster read together, as one moment's state.
    public var current: State { state.withLock { $0 } }

    func publish(currentNick: String, roster: ChannelRoster) {
        state.withLock { state in
            state.currentNick = currentNick
            state.roster = roster
        }
    }
}
