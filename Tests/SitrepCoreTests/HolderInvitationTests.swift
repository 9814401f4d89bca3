import SitrepCore
import Testing

/// Who `HolderInvitation` invites into an incident's channel: the lead or role holder someone else named.
@Suite struct HolderInvitationTests {
    @Test func theNamedLeadAndRoleHolderAreInvited() {
        let incident = ChatRightsGrantTests.led
        let carol = ChatIdentity.account("carol")
        #expect(
            HolderInvitation.actions(after: .lead(nick: "alice"), on: incident, by: carol, members: [])
                == [.invite(nick: Fixtures.alice.nick, channel: incident.channel.name)])
        #expect(
            HolderInvitation.actions(after: .role(name: "Comms", nick: "bob"), on: incident, by: carol, members: [])
                == [.invite(nick: Fixtures.bob.nick, channel: incident.channel.name)])
    }

    @Test func someoneAlreadyInTheChannelIsNotInvited() {
        let incident = ChatRightsGrantTests.led
        let carol = ChatIdentity.account("carol")
        #expect(
            HolderInvitation.actions(after: .lead(nick: "alice"), on: incident, by: carol, members: [Fixtures.alice])
                .isEmpty)
        let sameNick = Participant(identity: .nick("ALICE", network: "irc"), nick: "ALICE")
        #expect(
            HolderInvitation.actions(after: .lead(nick: "alice"), on: incident, by: carol, members: [sameNick])
                .isEmpty)
        #expect(
            HolderInvitation.actions(after: .lead(nick: "alice"), on: incident, by: carol, members: [Fixtures.bob])
                .count == 1)
    }

    @Test func nobodyIsInvitedWhoTookItThemselvesOrWhenNoOneWasNamed() {
        let incident = ChatRightsGrantTests.led
        let bob = Fixtures.bob.identity
        #expect(HolderInvitation.actions(after: .lead(nick: nil), on: incident, by: bob, members: []).isEmpty)
        let alice = Fixtures.alice.identity
        #expect(HolderInvitation.actions(after: .lead(nick: "alice"), on: incident, by: alice, members: []).isEmpty)
        #expect(HolderInvitation.actions(after: .ack, on: incident, by: Fixtures.bob.identity, members: []).isEmpty)
        #expect(
            HolderInvitation.actions(
                after: .lead(nick: "alice"), on: Fixtures.incident(), by: Fixtures.bob.identity, members: []
            ).isEmpty)
    }
}
