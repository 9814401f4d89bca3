import SitrepCore
import Testing
@testable import IRC

@Suite struct IRCEventChatEventTests {
    let received = Timestamp(milliseconds: 1_000)
    let alice = IRCUser(nick: "alice", user: "a", host: "h", account: "aliceacct")

    @Test func aMessageKeepsAccountIdentityAndServerTime() throws {
        let chat = IRCChatMessage(kind: .action, sender: alice, target: "#inc-1", channel: "#inc-1", text: "looks")
        let events = IRCEvent(.message(chat), serverTime: 5_000).chatEvents(network: "irc", receivedAt: received)
        let event = try #require(events.first)
        #expect(events.count == 1)
        #expect(event.kind == .message(text: "looks", style: .action))
        #expect(event.sender == Participant(identity: .account("aliceacct"), nick: "alice"))
        #expect(event.channel == ChatChannel(name: "#inc-1"))
        #expect(event.time == Timestamp(milliseconds: 5_000))
    }

    @Test func withoutServerTimeTheReceiveTimeIsUsedAndNickIdentity() throws {
        let bob = IRCUser(nick: "bob")
        let chat = IRCChatMessage(kind: .privmsg, sender: bob, target: "sitrep", channel: nil, text: "help")
        let event = try #require(IRCEvent(.message(chat)).chatEvents(network: "irc", receivedAt: received).first)
        #expect(event.time == received && event.channel == nil)
        #expect(event.sender.identity == .nick("bob"))
    }

    @Test func quitAndNickFanOutToEverySharedChannel() {
        let quit = IRCEvent(.memberQuit(user: alice, channels: ["#a", "#b"], reason: "bye"))
        #expect(quit.chatEvents(network: "irc", receivedAt: received).map(\.channel?.name) == ["#a", "#b"])
        var renamed = alice
        renamed.nick = "alice2"
        let nick = IRCEvent(.nickChanged(from: "alice", user: renamed, channels: ["#a"]))
        let events = nick.chatEvents(network: "irc", receivedAt: received)
        #expect(events.map(\.kind) == [.nick(newNick: "alice2")])
        #expect(events.first?.sender.nick == "alice")
    }

    @Test func connectionEventsAreNotChatEvents() {
        #expect(IRCEvent(.registered(nick: "sitrep")).chatEvents(network: "irc", receivedAt: received).isEmpty)
    }
}
