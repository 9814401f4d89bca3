import SitrepCore
import Testing

/// `ChatContext`: the facts of one chat line answer for the channel they were gathered in, and for no other.
@Suite struct ChatContextTests {
    static let context = ChatContext(
        target: "#Inc-4", botNames: ["sitrep"], botNick: "sitrep", senderIsOperator: true,
        members: [Participant(identity: .account("bob"), nick: "bob")])

    @Test func itDescribesItsOwnChannelUnderTheNetworksNameKey() {
        #expect(Self.context.describing("#inc-4", nameKey: { $0.lowercased() }) == Self.context)
        #expect(Self.context.describing("#Inc-4", nameKey: { $0 }) == Self.context)
    }

    @Test func itDoesNotDescribeAnotherChannel() {
        #expect(Self.context.describing("#incidents", nameKey: { $0.lowercased() }) == nil)
        #expect(Self.context.describing("#inc-4", nameKey: { $0 }) == nil, "a case-sensitive network")
    }
}
