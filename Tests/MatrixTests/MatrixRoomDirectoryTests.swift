import Matrix
import Testing

@testable import Matrix

/// What the bot learns of its rooms from `/sync`: members by display name, power levels and room-v12 creators
/// (responders), encryption, aliases.
@Suite("Matrix room directory")
struct MatrixRoomDirectoryTests {
    static let response = """
        {"next_batch": "s2", "rooms": {"join": {"!r:hs": {
          "state": {"events": [
            {"type": "m.room.create", "sender": "@alice:hs", "state_key": "", "content": {"room_version": "12"}},
            {"type": "m.room.member", "sender": "@alice:hs", "state_key": "@alice:hs",
             "content": {"membership": "join", "displayname": "Alice"}},
            {"type": "m.room.member", "sender": "@bob:hs", "state_key": "@bob:hs", "content": {"membership": "join"}},
            {"type": "m.room.canonical_alias", "sender": "@alice:hs", "state_key": "", "content": {"alias": "#ops:hs"}}
          ]},
          "timeline": {"events": [
            {"type": "m.room.power_levels", "sender": "@alice:hs", "state_key": "", "event_id": "$p",
             "content": {"users": {"@bob:hs": 50}, "users_default": 0}},
            {"type": "m.room.member", "sender": "@carol:hs", "state_key": "@carol:hs", "event_id": "$c",
             "content": {"membership": "join", "displayname": "Carol C"}},
            {"type": "m.room.encryption", "sender": "@alice:hs", "state_key": "", "event_id": "$e",
             "content": {"algorithm": "m.megolm.v1.aes-sha2", "rotation_period_ms": 7200000, "rotation_period_msgs": 20}}
          ]}}}}}
        """

    @Test func membersPowerCreatorsAliasesAndEncryption() throws {
        var directory = MatrixRoomDirectory()
        let response = try MatrixJSON.decode(MatrixSyncResponse.self, from: Array(Self.response.utf8))
        #expect(directory.absorb(response) == ["!r:hs"])
        #expect(directory.absorb(response) == [])
        #expect(directory.isEncrypted("!r:hs"))
        #expect(directory.rotation(of: "!r:hs") == MatrixRotationPeriod(milliseconds: 7_200_000, messages: 20))
        #expect(directory.rotation(of: "!other:hs") == MatrixRotationPeriod())
        #expect(directory.userID(named: "alice", in: "!r:hs") == "@alice:hs")
        #expect(directory.userID(named: "carol c", in: "!r:hs") == "@carol:hs")
        #expect(directory.userID(named: "bob", in: "!r:hs") == "@bob:hs")
        #expect(directory.userID(named: "@bob:hs", in: "!r:hs") == "@bob:hs")
        #expect(directory.userID(named: "mallory", in: "!r:hs") == nil)
        #expect(directory.isOperator("@alice:hs", in: "!r:hs"))  // creator of a v12 room
        #expect(directory.isOperator("@bob:hs", in: "!r:hs"))  // power level 50
        #expect(!directory.isOperator("@carol:hs", in: "!r:hs"))
        #expect(directory.members(of: "!r:hs").map(\.name) == ["Alice", "bob", "Carol C"])
        #expect(directory.roomID(for: "#ops:hs") == "!r:hs")
        #expect(directory.key(for: "!r:hs") == "#ops:hs")
        #expect(directory.key(for: "!other:hs") == "!other:hs")
    }

    @Test func leavingARoomForgetsIt() throws {
        var directory = MatrixRoomDirectory()
        _ = directory.absorb(try MatrixJSON.decode(MatrixSyncResponse.self, from: Array(Self.response.utf8)))
        let left = #"{"next_batch": "s3", "rooms": {"leave": {"!r:hs": {}}}}"#
        _ = directory.absorb(try MatrixJSON.decode(MatrixSyncResponse.self, from: Array(left.utf8)))
        #expect(directory.members(of: "!r:hs").isEmpty)
        #expect(!directory.isOperator("@bob:hs", in: "!r:hs"))
    }

    /// A direct-message room is given up once the person left it, not while the bot has yet to see the room.
    @Test func aPersonWhoLeftARoomHasLeftItAndARoomNotSeenYetIsNotGivenUp() throws {
        func membership(_ membership: String, by sender: String) throws -> MatrixEvent {
            let json = #"{"type": "m.room.member", "sender": "\#(sender)", "state_key": "@bob:hs", "#
                + #""content": {"membership": "\#(membership)"}}"#
            return try MatrixJSON.decode(MatrixEvent.self, from: Array(json.utf8))
        }
        var directory = MatrixRoomDirectory()
        #expect(!directory.hasLeft("@bob:hs", roomID: "!dm:hs"), "a room just created, not synced yet")
        directory.learn(try membership("invite", by: "@carol:hs"), in: "!dm:hs")
        #expect(directory.isMember("@bob:hs", of: "!dm:hs") && !directory.hasLeft("@bob:hs", roomID: "!dm:hs"))
        directory.learn(try membership("leave", by: "@bob:hs"), in: "!dm:hs")
        #expect(!directory.isMember("@bob:hs", of: "!dm:hs") && directory.hasLeft("@bob:hs", roomID: "!dm:hs"))
    }

    /// A name given to a command: a member of the room it was typed in first, then of any room the bot is in.
    @Test func aNameIsLookedForInTheRoomFirstThenEverywhere() throws {
        var directory = MatrixRoomDirectory()
        _ = directory.absorb(try MatrixJSON.decode(MatrixSyncResponse.self, from: Array(Self.response.utf8)))
        let member = #"{"type": "m.room.member", "sender": "@dave:hs", "state_key": "@dave:hs", "#
            + #""content": {"membership": "join", "displayname": "Dave"}}"#
        directory.learn(try MatrixJSON.decode(MatrixEvent.self, from: Array(member.utf8)), in: "!other:hs")
        #expect(directory.userID(named: "carol c", near: "!other:hs") == "@carol:hs")
        #expect(directory.userID(named: "dave", near: "!r:hs") == "@dave:hs")
        #expect(directory.userID(named: "@zed:hs", near: "!r:hs") == "@zed:hs")
        #expect(directory.userID(named: "zed", near: "!r:hs") == nil)
    }

    /// Who may join a new incident room unasked: members of the configured rooms and of rooms people brought the
    /// bot into, never of its own direct-message rooms.
    @Test func incidentRoomsOpenToConfiguredAndBroughtInRoomsOnly() throws {
        var directory = MatrixRoomDirectory()
        _ = directory.absorb(try MatrixJSON.decode(MatrixSyncResponse.self, from: Array(Self.response.utf8)))
        directory.remember(alias: "#announce:hs", roomID: "!announce:hs")
        #expect(
            directory.roomsWhoseMembersMayJoin(accessRooms: ["#announce:hs", "#unknown:hs"], directRooms: [], botUserID: "@sitrep:hs")
                == ["!announce:hs", "!r:hs"])
        #expect(
            directory.roomsWhoseMembersMayJoin(accessRooms: [], directRooms: ["!r:hs"], botUserID: "@sitrep:hs").isEmpty)
        #expect(directory.roomsWhoseMembersMayJoin(accessRooms: [], directRooms: [], botUserID: "@alice:hs").isEmpty)
    }

    /// A read receipt counts for paging only in the person's direct room with the bot: the one it paged them in,
    /// or a room of just the two of them; the bot's own receipts never count.
    @Test func onlyReadsInTheDirectRoomWithTheBotCount() throws {
        let sync = try Fixture.decode(MatrixSyncResponse.self, "sync-receipts")
        let roomID = try #require(sync.rooms.join.first { !$0.value.readReceipts.isEmpty }?.key)
        let reader = try #require(sync.rooms.join[roomID]?.readReceipts.first?.userID)
        let directory = MatrixRoomDirectory()
        let paged = directory.directReads(in: sync, directRooms: [reader: roomID], botUserID: "@sitrep:localhost")
        #expect(paged.map(\.userID) == [reader])
        #expect((paged.first?.milliseconds ?? 0) > 1_700_000_000_000)
        #expect(directory.directReads(in: sync, directRooms: [:], botUserID: "@sitrep:localhost").isEmpty)
        #expect(directory.directReads(in: sync, directRooms: [reader: roomID], botUserID: reader).isEmpty)
        #expect(directory.directReads(in: sync, directRooms: [reader: "!elsewhere:localhost"], botUserID: "@sitrep:localhost").isEmpty)
    }
}

