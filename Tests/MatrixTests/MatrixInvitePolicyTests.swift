import Matrix
import Testing

@Suite struct MatrixInvitePolicyTests {
    static let bot = "@sitrep:localhost"

    static func invite(encrypted: Bool, alias: String? = nil, inviter: String = "@alice:localhost")
        -> MatrixSyncResponse.InvitedRoom
    {
        var state = [
            MatrixEvent(
                type: "m.room.member", eventID: nil, sender: inviter, originServerTS: nil, stateKey: bot,
                content: .member(MatrixMemberContent(membership: "invite")))
        ]
        if encrypted {
            state.append(
                MatrixEvent(
                    type: "m.room.encryption", eventID: nil, sender: inviter, originServerTS: nil, stateKey: "",
                    content: .encryption(algorithm: "m.megolm.v1.aes-sha2")))
        }
        if let alias {
            state.append(
                MatrixEvent(
                    type: "m.room.canonical_alias", eventID: nil, sender: inviter, originServerTS: nil,
                    stateKey: "", content: .canonicalAlias(alias)))
        }
        return MatrixSyncResponse.InvitedRoom(inviteState: state)
    }

    @Test func aConfiguredRoomIsJoinedWhoeverInvites() {
        let policy = MatrixInvitePolicy(configuredRooms: ["!ops:localhost", "#war-room:localhost"])
        let nobody: (String) -> Bool = { _ in false }
        #expect(
            policy.decide(roomID: "!ops:localhost", invite: Self.invite(encrypted: false), botUserID: Self.bot,
                inviterHasRole: nobody) == .join)
        #expect(
            policy.decide(
                roomID: "!other:localhost", invite: Self.invite(encrypted: false, alias: "#war-room:localhost"),
                botUserID: Self.bot, inviterHasRole: nobody) == .join)
    }

    @Test func anyRoomIsJoinedWhenTheInviterHasARole() {
        let policy = MatrixInvitePolicy(configuredRooms: [])
        let invite = Self.invite(encrypted: false, inviter: "@alice:localhost")
        #expect(
            policy.decide(roomID: "!x:localhost", invite: invite, botUserID: Self.bot) { $0 == "@alice:localhost" }
                == .join)
        #expect(
            policy.decide(roomID: "!x:localhost", invite: invite, botUserID: Self.bot) { $0 == "@bob:localhost" }
                == .decline)
    }

    @Test func anEncryptedRoomItWouldJoinIsExplainedAndLeft() {
        let policy = MatrixInvitePolicy(configuredRooms: ["!secret:localhost"])
        #expect(
            policy.decide(roomID: "!secret:localhost", invite: Self.invite(encrypted: true), botUserID: Self.bot) {
                _ in false
            } == .explainEncryptedAndLeave)
        #expect(
            policy.decide(roomID: "!elsewhere:localhost", invite: Self.invite(encrypted: true), botUserID: Self.bot) {
                _ in false
            } == .decline)
    }

    @Test func theCapturedInvitesAreDecidedByTheirInviter() throws {
        let sync = try Fixture.decode(MatrixSyncResponse.self, "sync-incremental")
        let (roomID, invite) = try #require(sync.rooms.invite.first)
        #expect(invite.inviter(of: Self.bot) == "@carol:localhost" && invite.canonicalAlias == nil)
        let policy = MatrixInvitePolicy(configuredRooms: [])
        let decision = policy.decide(roomID: roomID, invite: invite, botUserID: Self.bot) { $0 == "@carol:localhost" }
        #expect(decision == .join)
        #expect(policy.decide(roomID: roomID, invite: invite, botUserID: Self.bot) { _ in false } == .decline)
    }
}
