import CoordinatorTestSupport
import SitrepCore
import Testing

private typealias H = CoordinatorHarness

/// Issue 19: a line that may be a command gets its chat context (bot names, operator status, members) from the
/// network in one question, and the command path decides from it rather than asking again; a line that is only
/// recorded asks nothing.
@Suite("Commands decide from the chat context of their line")
struct CoordinatorContextTests {
    /// The single questions the context stands for.
    static let singleQuestions = ["botNames", "isChannelOperator", "members"]
    /// Logged in, but with no configured role: only channel operator status makes her a responder.
    static let erin = Participant(identity: .account("erin"), nick: "erin")

    @Test(arguments: [
        "!lead dave", "!role comms dave", "!whoami", "!invite frank", "!sev sev1", "!ack", "!help", "!status",
    ])
    func aCommandAsksTheNetworkOnce(_ command: String) async throws {
        try await H.run { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            let dave = Participant(identity: .account("dave"), nick: "dave")
            h.network.addMember(dave, to: "#inc-1")
            h.network.makeOperator("erin")
            h.network.clear()
            await h.say(command, by: Self.erin, in: "#inc-1", at: 10)
            #expect(h.network.asked("context") == 1)
            for question in Self.singleQuestions { #expect(h.network.asked(question) == 0, "\(question)") }
            #expect(!h.network.said(to: "#inc-1").isEmpty)
        }
    }

    @Test func theContextDecidesRightsAndWhoIsNamed() async throws {
        try await H.run { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            h.network.addMember(Participant(identity: .account("dave"), nick: "dave"), to: "#inc-1")
            await h.say("!lead dave", by: Self.erin, in: "#inc-1", at: 10)
            #expect(try await h.store.incident(id: 1)?.lead == nil, "not an operator: refused")
            h.network.makeOperator("erin")
            await h.say("!lead dave", by: Self.erin, in: "#inc-1", at: 20)
            #expect(try await h.store.incident(id: 1)?.lead?.identity == .account("dave"), "the member's account")
        }
    }

    /// (A line addressed to someone, `bob: …`, may be a command to the bot by name: it gets a context.)
    @Test(arguments: ["we are looking at the database", "the !ack came late, sorry"])
    func aLineThatIsOnlyRecordedAsksNothing(_ line: String) async throws {
        try await H.run { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            h.network.clear()
            await h.say(line, by: H.bob, in: "#inc-1", at: 10)
            #expect(h.network.asked("context") == 0)
            for question in Self.singleQuestions { #expect(h.network.asked(question) == 0, "\(question)") }
            try await h.settle()
            #expect(try await h.timeline(1).contains { $0.text == line })
        }
    }

    /// `!ack 1` from the announce channel: the context describes `#incidents`, so the incident channel's
    /// operator status is asked of the network.
    @Test func aCommandAboutAnotherChannelsIncidentAsksAboutThatChannel() async throws {
        try await H.run { h async throws in
            await h.say("!declare sev2 Checkout returns 500s", by: H.carol, in: "#ops")
            h.network.makeOperator("erin")
            h.network.clear()
            await h.say("!ack 1", by: Self.erin, in: "#incidents", at: 10)
            #expect(h.network.asked("context") == 1)
            #expect(h.network.asked("isChannelOperator") == 1)
            #expect(try await h.store.incident(id: 1)?.acknowledgedAt != nil)
        }
    }
}
