import IRC
import Testing

@testable import IRCClient

/// The paced queue's order: control, then chat, then background lines, each in the order queued.
@Suite struct OutboundQueueTests {
    static func line(_ command: String, _ text: String) -> IRCMessage {
        IRCMessage(command: command, parameters: ["#inc-1", text])
    }

    static func drain(_ queue: inout OutboundQueue, allowingChat: Bool = true) -> [String] {
        var sent: [String] = []
        while let message = queue.dequeue(allowingChat: allowingChat) { sent.append(message.parameters[1]) }
        return sent
    }

    @Test func anInvitationQueuedBeforeAReplyGoesAfterIt() {
        var queue = OutboundQueue()
        queue.enqueue(Self.line("NOTICE", "tier 1 paged"), priority: .chat)
        queue.enqueue(Self.line("PRIVMSG", "page"), priority: .control)
        queue.enqueue(Self.line("INVITE", "invite bob"), priority: .background)
        queue.enqueue(Self.line("NOTICE", "ack reply"), priority: .chat)
        queue.enqueue(Self.line("INVITE", "invite dave"), priority: .background)
        #expect(queue.count == 5)
        #expect(!queue.nextIsBackground(allowingChat: true))
        #expect(Self.drain(&queue) == ["page", "tier 1 paged", "ack reply", "invite bob", "invite dave"])
        #expect(queue.isEmpty)
    }

    /// Issue 20: someone who declares an incident while other incidents page does not wait for the invitation.
    @Test func theDeclarersInvitationGoesAheadOfOtherIncidentsPages() {
        var queue = OutboundQueue()
        for tier in 1...5 { queue.enqueue(Self.line("PRIVMSG", "page \(tier)"), priority: .control, from: .application) }
        queue.enqueue(Self.line("NOTICE", "incident 3 declared"), priority: .chat, from: .application)
        queue.enqueue(Self.line("JOIN", "join #inc-3"), priority: .control, from: .session)
        queue.enqueue(Self.line("INVITE", "invite carol"), priority: .awaited, from: .application)
        queue.enqueue(Self.line("INVITE", "invite bob"), priority: .background, from: .application)
        #expect(!queue.nextIsBackground(allowingChat: true))
        #expect(
            Self.drain(&queue) == [
                "join #inc-3", "invite carol", "page 1", "page 2", "page 3", "page 4", "page 5", "incident 3 declared",
                "invite bob",
            ])
    }

    @Test func theDeclarersInvitationWaitsForRegistrationAndSurvivesALostConnection() {
        var queue = OutboundQueue()
        queue.enqueue(Self.line("INVITE", "invite carol"), priority: .awaited, from: .application)
        #expect(!queue.hasLine(allowingChat: false) && queue.hasLine(allowingChat: true))
        #expect(queue.connectionLost() == 1)
        #expect(Self.drain(&queue) == ["invite carol"])
    }

    @Test func backgroundLinesWaitForRegistrationAndSurviveALostConnection() {
        var queue = OutboundQueue()
        queue.enqueue(Self.line("INVITE", "invite bob"), priority: .background)
        queue.enqueue(Self.line("JOIN", "join"), priority: .control)
        #expect(Self.drain(&queue, allowingChat: false) == ["join"])
        #expect(!queue.nextIsBackground(allowingChat: false) && queue.nextIsBackground(allowingChat: true))
        #expect(queue.hasLine(allowingChat: false) == false && queue.hasLine(allowingChat: true))
        queue.enqueue(Self.line("JOIN", "join again"), priority: .control)
        #expect(queue.connectionLost() == 1, "the control line belonged to the lost connection")
        #expect(Self.drain(&queue) == ["invite bob"])
    }

    @Test func aLongQueueKeepsItsOrderAcrossCompaction() {
        var queue = OutboundQueue()
        for index in 0..<300 {
            queue.enqueue(Self.line("NOTICE", "\(index)"), priority: index % 3 == 0 ? .background : .chat)
        }
        let sent = Self.drain(&queue)
        let chat = (0..<300).filter { $0 % 3 != 0 }.map(String.init)
        let background = (0..<300).filter { $0 % 3 == 0 }.map(String.init)
        #expect(sent == chat + background)
    }

    /// A page is an application line: it waits for registration (never a 451) and outlives a lost connection.
    @Test func aPageQueuedDuringAnOutageWaitsForRegistrationAndSurvivesTheLostConnection() {
        var queue = OutboundQueue()
        queue.enqueue(Self.line("PRIVMSG", "page bob"), priority: .control, from: .application)
        queue.enqueue(Self.line("TOPIC", "topic"), priority: .immediate, from: .application)
        #expect(!queue.hasLine(allowingChat: false))
        #expect(queue.dequeue(allowingChat: false) == nil, "nothing of the application's before registration")
        #expect(queue.connectionLost() == 2, "the page outlives the connection")
        queue.enqueue(Self.line("JOIN", "rejoin"), priority: .control)
        queue.enqueue(Self.line("NOTICE", "reply"), priority: .chat, from: .application)
        #expect(Self.drain(&queue, allowingChat: false) == ["rejoin"], "the session's own lines go during registration")
        #expect(Self.drain(&queue) == ["page bob", "topic", "reply"])
    }

    @Test func pagesGoBehindTheSessionsLinesAndAheadOfReplies() {
        var queue = OutboundQueue()
        queue.enqueue(Self.line("NOTICE", "reply"), priority: .chat, from: .application)
        queue.enqueue(Self.line("INVITE", "invite"), priority: .background, from: .application)
        queue.enqueue(Self.line("PRIVMSG", "page"), priority: .control, from: .application)
        queue.enqueue(Self.line("WHO", "who"), priority: .control)
        #expect(Self.drain(&queue) == ["who", "page", "reply", "invite"])
    }
}
