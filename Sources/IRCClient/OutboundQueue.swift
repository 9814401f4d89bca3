import IRC

/// Lines waiting to be sent, in lanes by origin and priority; each lane keeps its order.
///
/// - The session's control lines (JOIN, MODE, WHO, CTCP replies) belong to one connection: they go first, even
///   before registration completes, and are dropped with the connection.
/// - The application's lines (pages, replies, topics, invitations) wait until the connection is ready for chat
///   (registered, channels rejoined) and survive a lost connection, so a page due during an outage goes out once
///   the bot is back, never before registration (451). Among them, awaited lines (priority `.awaited`: the
///   declarer's own invitation) go first, so someone who just declared never waits behind other incidents' pages;
///   then urgent lines (priority `.control`, such as pages), then chat lines (replies), then background lines
///   (the INVITE sent with a page).
struct OutboundQueue: Sendable {
    /// Who asked for a line: the protocol session or the application.
    enum Origin: Sendable {
        case session, application
    }

    private var control = Lane()
    private var awaited = Lane()
    private var urgent = Lane()
    private var chat = Lane()
    private var background = Lane()

    var count: Int { control.count + awaited.count + urgent.count + chat.count + background.count }
    var isEmpty: Bool { count == 0 }

    mutating func enqueue(_ message: IRCMessage, priority: OutboundPriority, from origin: Origin = .session) {
        switch (priority, origin) {
        case (.immediate, .session), (.control, .session): control.append(message)
        case (.immediate, .application), (.control, .application): urgent.append(message)
        case (.awaited, _): awaited.append(message)
        case (.chat, _): chat.append(message)
        case (.background, _): background.append(message)
        }
    }

    /// Whether a line may go now; the application's lines wait until the connection is ready for chat.
    func hasLine(allowingChat: Bool) -> Bool {
        !control.isEmpty
            || (allowingChat && (!awaited.isEmpty || !urgent.isEmpty || !chat.isEmpty || !background.isEmpty))
    }

    /// Whether the next line to go is a background one (nothing else waits).
    func nextIsBackground(allowingChat: Bool) -> Bool {
        allowingChat && control.isEmpty && awaited.isEmpty && urgent.isEmpty && chat.isEmpty && !background.isEmpty
    }

    mutating func dequeue(allowingChat: Bool = true) -> IRCMessage? {
        if let line = control.removeFirst() { return line }
        guard allowingChat else { return nil }
        return awaited.removeFirst() ?? urgent.removeFirst() ?? chat.removeFirst() ?? background.removeFirst()
    }

    /// Forgets the control lines of a connection that is gone; returns how many other lines are still waiting.
    mutating func connectionLost() -> Int {
        control = Lane()
        return awaited.count + urgent.count + chat.count + background.count
    }

    /// One priority's lines in order; the consumed head is dropped in batches, not one line at a time.
    private struct Lane: Sendable {
        private var lines: [IRCMessage] = []
        private var head = 0

        var count: Int { lines.count - head }
        var isEmpty: Bool { head == lines.count }

        mutating func append(_ line: IRCMessage) {
            lines.append(line)
        }

        mutating func removeFirst() -> IRCMessage? {
            guard head < lines.count else { return nil }
            defer {
                head += 1
                if head > 64 && head * 2 > lines.count {
                    lines.removeFirst(head)
                    head = 0
                }
            }
            return lines[head]
        }
    }
}
