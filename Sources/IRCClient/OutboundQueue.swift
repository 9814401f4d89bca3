import IRC

/// Lines waiting to be sent, by priority: control lines (JOIN, MODE, WHO, CAP) go ahead of chat lines
/// (PRIVMSG, NOTICE, TOPIC), which go ahead of background lines (INVITE), and each priority keeps its order.
/// Chat and background lines survive a reconnect; control lines belong to one connection and are dropped with it.
struct OutboundQueue: Sendable {
    private var control = Lane()
    private var chat = Lane()
    private var background = Lane()

    var count: Int { control.count + chat.count + background.count }
    var isEmpty: Bool { count == 0 }

    mutating func enqueue(_ message: IRCMessage, priority: OutboundPriority) {
        switch priority {
        case .immediate, .control: control.append(message)
        case .chat: chat.append(message)
        case .background: background.append(message)
        }
    }

    /// Whether a line may go now; chat and background lines wait until the connection is registered.
    func hasLine(allowingChat: Bool) -> Bool {
        !control.isEmpty || (allowingChat && (!chat.isEmpty || !background.isEmpty))
    }

    /// Whether the next line to go is a background one (nothing else waits).
    func nextIsBackground(allowingChat: Bool) -> Bool {
        allowingChat && control.isEmpty && chat.isEmpty && !background.isEmpty
    }

    mutating func dequeue(allowingChat: Bool = true) -> IRCMessage? {
        if let line = control.removeFirst() { return line }
        guard allowingChat else { return nil }
        return chat.removeFirst() ?? background.removeFirst()
    }

    /// Forgets the control lines of a connection that is gone; returns how many other lines are still waiting.
    mutating func connectionLost() -> Int {
        control = Lane()
        return chat.count + background.count
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
