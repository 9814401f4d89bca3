import IRC

/// Lines waiting to be sent, by priority: control lines (JOIN, MODE, WHO, CAP) go ahead of chat lines
/// (PRIVMSG, NOTICE, TOPIC), and each priority keeps its order. Chat lines survive a reconnect; control lines
/// belong to one connection and are dropped with it.
struct OutboundQueue: Sendable {
    private var control: [IRCMessage] = []
    private var controlHead = 0
    private var chat: [IRCMessage] = []
    private var chatHead = 0

    var count: Int { control.count - controlHead + chat.count - chatHead }
    var isEmpty: Bool { count == 0 }

    mutating func enqueue(_ message: IRCMessage, priority: OutboundPriority) {
        if priority == .chat {
            chat.append(message)
        } else {
            control.append(message)
        }
    }

    /// Whether a line may go now; chat lines wait until the connection is registered.
    func hasLine(allowingChat: Bool) -> Bool {
        controlHead < control.count || (allowingChat && chatHead < chat.count)
    }

    mutating func dequeue(allowingChat: Bool = true) -> IRCMessage? {
        if controlHead < control.count {
            defer { controlHead += 1; compact() }
            return control[controlHead]
        }
        if allowingChat, chatHead < chat.count {
            defer { chatHead += 1; compact() }
            return chat[chatHead]
        }
        return nil
    }

    /// Forgets the control lines of a connection that is gone; returns how many chat lines are still waiting.
    mutating func connectionLost() -> Int {
        control.removeAll()
        controlHead = 0
        return chat.count - chatHead
    }

    private mutating func compact() {
        if controlHead > 64 && controlHead * 2 > control.count {
            control.removeFirst(controlHead)
            controlHead = 0
        }
        if chatHead > 64 && chatHead * 2 > chat.count {
            chat.removeFirst(chatHead)
            chatHead = 0
        }
    }
}
