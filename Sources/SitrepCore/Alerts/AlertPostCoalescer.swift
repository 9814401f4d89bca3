/// Bulk alert posts to announce channels (alerts no incident took), coalesced per channel over time so an alert
/// storm costs a few lines a window instead of a line per alert. Pure, with time passed in.
///
/// Each channel has a window of `window` that starts with a post after a quiet spell; within it, posts go out
/// at once while they fit in `maxLines + 1` lines. What does not fit is held (the latest state of each alert) and
/// posted together when the window ends, as `AlertAnnouncement.lines` makes them: at most `maxLines` alert lines
/// and one summary ("…and 312 more firing: …"); that post opens the next window. So a channel gets at most
/// `2 × (maxLines + 1)` alert lines per window, however many alerts and webhook calls arrive, and a quiet
/// channel's single alert is posted without delay.
public struct AlertPostCoalescer<Instant: InstantProtocol<Duration>> {
    /// What to post where.
    public struct Post: Sendable, Equatable {
        public var channel: String
        public var lines: [String]

        public init(channel: String, lines: [String]) {
            self.channel = channel
            self.lines = lines
        }
    }

    private struct Channel {
        var windowEnds: Instant
        var linesLeft: Int
        /// Held items, the latest state of each alert, in order of first arrival.
        var held: [AlertAnnouncement.Item] = []
        var index: [Int64: Int] = [:]
    }

    /// The default window: a storm costs a channel at most a dozen lines a minute.
    public static var defaultWindow: Duration { .seconds(30) }

    public let window: Duration
    public let maxLines: Int
    private var channels: [String: Channel] = [:]

    public init(window: Duration = defaultWindow, maxLines: Int) {
        self.window = window
        self.maxLines = maxLines
    }

    /// `items` to post in `channel` at `now`: the post to make now, or nil when they are held until `deadline`.
    public mutating func submit(_ items: [AlertAnnouncement.Item], to channel: String, at now: Instant) -> Post? {
        guard !items.isEmpty else { return nil }
        var state = channels[channel] ?? Channel(windowEnds: now, linesLeft: 0)
        if state.held.isEmpty && now >= state.windowEnds {
            state = Channel(windowEnds: now.advanced(by: window), linesLeft: maxLines + 1)
        }
        let lines = AlertAnnouncement.lines(items, maxLines: maxLines)
        if state.held.isEmpty && lines.count <= state.linesLeft {
            state.linesLeft -= lines.count
            channels[channel] = state
            return Post(channel: channel, lines: lines)
        }
        for item in items { Self.hold(item, in: &state) }
        channels[channel] = state
        return nil
    }

    /// The earliest instant a held post is due; nil when nothing is held.
    public var deadline: Instant? {
        channels.values.filter { !$0.held.isEmpty }.map(\.windowEnds).min()
    }

    /// The held posts due at `now`, one per channel, in channel order; each opens its channel's next window.
    public mutating func due(at now: Instant) -> [Post] {
        var posts: [Post] = []
        let due = channels.filter { !$0.value.held.isEmpty && now >= $0.value.windowEnds }
        for (name, state) in due.sorted(by: { $0.key < $1.key }) {
            let lines = AlertAnnouncement.lines(state.held, maxLines: maxLines)
            posts.append(Post(channel: name, lines: lines))
            let left = max(0, maxLines + 1 - lines.count)
            channels[name] = Channel(windowEnds: now.advanced(by: window), linesLeft: left)
        }
        return posts
    }

    /// How many alerts are held for `channel` now.
    public func heldCount(in channel: String) -> Int {
        channels[channel]?.held.count ?? 0
    }

    private static func hold(_ item: AlertAnnouncement.Item, in state: inout Channel) {
        if let position = state.index[item.alert.id] {
            state.held[position] = item
        } else {
            state.index[item.alert.id] = state.held.count
            state.held.append(item)
        }
    }
}
